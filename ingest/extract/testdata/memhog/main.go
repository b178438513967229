// Command memhog is a reading program that runs out of memory the ways a
// real one does, for the helper's tests (helper_oom_test.go); MEMHOG says
// how:
//
//	silent   fills its memory until the Go runtime dies of it, its stderr
//	         sent to /dev/null first: exit status 2 and not a word
//	foreign  takes memory until the kernel refuses it, then says so in
//	         German and exits 1
//	killed   takes 32 MiB, then is killed outright, as the kernel's OOM
//	         killer kills: SIGKILL and not a word
//	corrupt  complains of the file, as a reader of a damaged one does, and
//	         exits 1 holding little memory
//	sleep    sleeps until it is killed
package main

import (
	"fmt"
	"os"
	"syscall"
	"time"
)

var held [][]byte

func main() {
	switch os.Getenv("MEMHOG") {
	case "silent":
		null, err := syscall.Open("/dev/null", syscall.O_WRONLY, 0)
		if err == nil {
			syscall.Dup3(null, 2, 0)
		}
		for {
			take(8 << 20)
		}
	case "foreign":
		// The Go heap first, as far as it safely goes below the limit
		// (the runtime's own reservation is not resident), then mapped
		// memory until the kernel refuses it.
		var lim syscall.Rlimit
		if syscall.Getrlimit(syscall.RLIMIT_AS, &lim) == nil && lim.Cur < 1<<32 {
			for n := 0; n < int(lim.Cur)-48<<20; n += 8 << 20 {
				take(8 << 20)
			}
		}
		for {
			b, err := syscall.Mmap(-1, 0, 1<<20, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
			if err != nil {
				fmt.Fprintln(os.Stderr, "Fehler: Speicher erschöpft")
				os.Exit(1)
			}
			touch(b)
		}
	case "killed":
		take(32 << 20)
		syscall.Kill(os.Getpid(), syscall.SIGKILL)
		time.Sleep(time.Minute)
	case "corrupt":
		take(1 << 20)
		fmt.Fprintln(os.Stderr, "Syntax Error (1234): Illegal character in 学分银行.pdf")
		os.Exit(1)
	case "sleep":
		time.Sleep(time.Hour)
	}
	os.Exit(3)
}

// take holds n more bytes, every page of them resident.
func take(n int) {
	b := make([]byte, n)
	touch(b)
	held = append(held, b)
}

func touch(b []byte) {
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
}
