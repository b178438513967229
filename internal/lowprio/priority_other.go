//go:build !linux

package lowprio

import "errors"

func lowerThreadPriority(int) error { return errors.New("no per-thread priority on this system") }

func threadOf() int { return 0 }
