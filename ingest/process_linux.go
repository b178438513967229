package ingest

import (
	"bytes"
	"errors"
	"os"
	"strconv"
	"strings"
)

// process names a process for as long as the machine runs: its pid, and
// when it started (in clock ticks since boot) in the boot it started in,
// since a pid is given again once its process ends (a node in a
// container is pid 1 at every start), and the pid namespace its pid is
// of: containers on one machine share its boot but not their pids, so a
// pid of another container's namespace says nothing of this one's.
type process struct {
	Boot      string `json:"boot,omitempty"`
	Namespace string `json:"pid_namespace,omitempty"`
	PID       int    `json:"pid"`
	Start     uint64 `json:"start,omitempty"`
}

// processOf returns the process of pid as /proc shows it now; Boot and
// Start stay empty where /proc does not tell.
func processOf(pid int) process {
	p := process{PID: pid, Boot: bootID(), Namespace: pidNamespace()}
	p.Start, _, _ = processStart(pid)
	return p
}

// gone says whether p provably no longer runs: in this boot and this pid
// namespace, its pid is free, a zombie, or another process's (started at
// another time). A process of another boot or another namespace (a copy
// of the folder started in another container on the machine, review s43
// #4), or one recorded without them or its start, cannot be told from a
// live one: not gone.
func (p process) gone() bool {
	if p.PID <= 0 || p.Boot == "" || p.Start == 0 || p.Boot != bootID() ||
		p.Namespace == "" || p.Namespace != pidNamespace() {
		return false
	}
	start, state, err := processStart(p.PID)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return true
	case err != nil:
		return false
	}
	return start != p.Start || state == "Z" || state == "X"
}

// bootID is the kernel's name for this boot, "" where it has none.
func bootID() string {
	b, err := os.ReadFile("/proc/sys/kernel/random/boot_id")
	if err != nil {
		return ""
	}
	return string(bytes.TrimSpace(b))
}

// pidNamespace names the pid namespace this process sees pids in
// ("pid:[4026531836]"), "" where /proc does not tell.
func pidNamespace() string {
	ns, err := os.Readlink("/proc/self/ns/pid")
	if err != nil {
		return ""
	}
	return ns
}

// processStart reads the start time (field 22 of /proc/PID/stat) and the
// state (field 3) of pid.
func processStart(pid int) (start uint64, state string, err error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0, "", err
	}
	// The command name (field 2) is in parentheses and may hold any
	// character: the fields that follow start after the last ')'.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, "", errors.New("unreadable /proc stat")
	}
	fields := strings.Fields(string(b[i+1:]))
	if len(fields) < 20 {
		return 0, "", errors.New("unreadable /proc stat")
	}
	start, err = strconv.ParseUint(fields[19], 10, 64)
	return start, fields[0], err
}
