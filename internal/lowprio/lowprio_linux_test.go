package lowprio

import (
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
)

var procsBefore int

func TestMain(m *testing.M) {
	procsBefore = runtime.GOMAXPROCS(0)
	quietAfter = 100 * time.Millisecond
	os.Exit(m.Run())
}

// threadNice is the calling thread's nice value (the system call gives
// 20 less it).
func threadNice(t *testing.T) int {
	p, err := syscall.Getpriority(syscall.PRIO_PROCESS, syscall.Gettid())
	if err != nil {
		t.Fatalf("getpriority: %v", err)
	}
	return 20 - p
}

func start(t *testing.T) {
	t.Helper()
	if !Start() {
		t.Fatal("Start: the low-priority thread did not get its priority")
	}
}

func TestPsAddedWhileSearchesRun(t *testing.T) {
	start(t)
	start(t)
	waitForProcs := func(want int) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); runtime.GOMAXPROCS(0) != want; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("GOMAXPROCS %d, want %d", runtime.GOMAXPROCS(0), want)
			}
		}
	}
	waitForProcs(procsBefore) // no search: as before Start
	done := Foreground()
	if got := runtime.GOMAXPROCS(0); got != procsBefore+Extra {
		t.Errorf("GOMAXPROCS %d while a search runs, want %d + %d", got, procsBefore, Extra)
	}
	if got := Procs(); got != procsBefore {
		t.Errorf("Procs %d while a search runs, want the %d there were before", got, procsBefore)
	}
	again := Foreground()
	if got := runtime.GOMAXPROCS(0); got != procsBefore+Extra {
		t.Errorf("GOMAXPROCS %d with two searches, want %d + %d once", got, procsBefore, Extra)
	}
	again()
	done()
	waitForProcs(procsBefore)
	if got := Procs(); got != procsBefore {
		t.Errorf("Procs %d after the searches, want %d", got, procsBefore)
	}
}

func TestRunWhileASearchRunsIsOnTheLowPriorityThread(t *testing.T) {
	start(t)
	before := Handed()
	done := Foreground()
	var nice int
	Run(func() { nice = threadNice(t) })
	done()
	if nice != Nice {
		t.Errorf("work ran at nice %d while a search ran, want %d", nice, Nice)
	}
	if Handed() != before+1 {
		t.Errorf("handed %d, want %d", Handed(), before+1)
	}
}

func TestRunWithNoSearchIsTheCallers(t *testing.T) {
	start(t)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	caller, callerNice := syscall.Gettid(), threadNice(t)
	before := Handed()
	var tid, nice int
	Run(func() { tid, nice = syscall.Gettid(), threadNice(t) })
	if tid != caller || nice != callerNice {
		t.Errorf("work ran on thread %d at nice %d, want the caller's %d at %d", tid, nice, caller, callerNice)
	}
	if Handed() != before {
		t.Errorf("handed %d with no search, want %d", Handed(), before)
	}
}

func TestPanicInRunIsTheCallers(t *testing.T) {
	start(t)
	done := Foreground()
	defer done()
	func() {
		defer func() {
			if p := recover(); p != "文档分析出错" {
				t.Errorf("recovered %v, want the work's panic", p)
			}
		}()
		Run(func() { panic("文档分析出错") })
		t.Error("Run returned after its work panicked")
	}()
	ran := false
	Run(func() { ran = true })
	if !ran {
		t.Error("the low-priority thread did no more work after a panic")
	}
}

func TestRunFromTheLowPriorityThreadRunsAtOnce(t *testing.T) {
	start(t)
	done := Foreground()
	defer done()
	finished := make(chan bool)
	go Run(func() {
		inner := false
		Run(func() { inner = true })
		finished <- inner
	})
	select {
	case inner := <-finished:
		if !inner {
			t.Error("the inner work did not run")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("work asked for on the low-priority thread waits for that thread")
	}
}

func TestRunWhenBehindIsTheCallers(t *testing.T) {
	start(t)
	done := Foreground()
	defer done()
	Behind(true)
	defer Behind(false)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	before := Handed()
	var tid int
	Run(func() { tid = syscall.Gettid() })
	if tid != syscall.Gettid() || Handed() != before {
		t.Errorf("work that has fallen behind ran on thread %d (the caller's is %d), handed %d", tid, syscall.Gettid(), Handed()-before)
	}
	Behind(false)
	Run(func() { tid = syscall.Gettid() })
	if tid == syscall.Gettid() || Handed() != before+1 {
		t.Errorf("work caught up again ran on the caller's thread %d, handed %d", tid, Handed()-before)
	}
}
