// Package cpuprofile writes a CPU profile of the running process to a
// file: the profiling hooks of evidence serve (EVIDENCE_CPUPROFILE) and of
// the benchmark's raw Bleve rounds (EVIDENCE_BENCH_CPUPROFILE).
package cpuprofile

import (
	"os"
	"runtime/pprof"
)

// Start profiles the process's CPU into a new file at path until stop is
// called; stop returns the error of closing the file.
func Start(path string) (stop func() error, err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() error {
		pprof.StopCPUProfile()
		return f.Close()
	}, nil
}
