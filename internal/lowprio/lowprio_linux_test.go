package lowprio

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
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
	if want := min(19, threadNice(t)+Nice); nice != want {
		t.Errorf("work ran at nice %d while a search ran, want %d", nice, want)
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

func panicsInHandedWork() { panic("文档分析出错") }

// TestPanicInRunIsTheCallers: a panic in work given to Run reaches its
// caller as a *HandedPanic with the work's value and stack, handed to the
// low-priority thread or run where it was asked. Run where it was asked,
// it was the raw value: a recoverer saw two kinds of value depending on
// whether a search was running (review s59, low).
func TestPanicInRunIsTheCallers(t *testing.T) {
	start(t)
	for _, tt := range []struct {
		name   string
		handed bool
	}{
		{"while a search runs (handed)", true},
		{"with no search (run where asked)", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.handed {
				done := Foreground()
				defer done()
			} else {
				waitForNoSearch(t)
			}
			before := Handed()
			func() {
				defer func() {
					r := recover()
					p, _ := r.(*HandedPanic)
					if p == nil || p.Value != "文档分析出错" {
						t.Errorf("recovered %#v, want the work's panic as a *HandedPanic", r)
						return
					}
					if !strings.Contains(string(p.Stack), "panicsInHandedWork") {
						t.Errorf("the panic's stack does not name the work that raised it:\n%s", p.Stack)
					}
					if !strings.Contains(p.Error(), "文档分析出错") || !strings.Contains(p.Error(), "panicsInHandedWork") {
						t.Errorf("an unrecovered panic would print %q: not the value and the work's stack", p.Error())
					}
				}()
				Run(panicsInHandedWork)
				t.Error("Run returned after its work panicked")
			}()
			if handed := Handed() - before; handed != 0 != tt.handed {
				t.Fatalf("handed %d, want handed %v", handed, tt.handed)
			}
			ran := false
			Run(func() { ran = true })
			if !ran {
				t.Error("no more work ran after a panic")
			}
		})
	}
}

// TestAPanicInWorkOfWorkIsWrappedOnce: work that Run runs inside work
// given to Run (an analysis during a segment's building) panics as one
// *HandedPanic, with the stack that raised it.
func TestAPanicInWorkOfWorkIsWrappedOnce(t *testing.T) {
	start(t)
	done := Foreground()
	defer done()
	defer func() {
		p, _ := recover().(*HandedPanic)
		if p == nil || p.Value != "文档分析出错" || !strings.Contains(string(p.Stack), "panicsInHandedWork") {
			t.Errorf("recovered %#v, want the inner work's panic once", p)
		}
	}()
	Run(func() { Run(panicsInHandedWork) })
}

// waitForNoSearch waits until no search counts as running: Foreground's
// done, deferred by an earlier test, has been called.
func waitForNoSearch(t *testing.T) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); Searching() != 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("%d searches still running", Searching())
		}
	}
}

func TestRunFromTheLowPriorityThreadRunsAtOnce(t *testing.T) {
	start(t)
	done := Foreground()
	defer done()
	finished := make(chan bool)
	returned := make(chan struct{})
	go func() {
		defer close(returned)
		Run(func() {
			inner := false
			Run(func() { inner = true })
			finished <- inner
		})
	}()
	select {
	case inner := <-finished:
		if !inner {
			t.Error("the inner work did not run")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("work asked for on the low-priority thread waits for that thread")
	}
	// Run counts what it handed after the work has begun: the next test
	// counts only its own.
	<-returned
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

// TestAThreadOfANicedServerIsLowerStill: in a server started niced (nice
// -n 10) the low-priority thread is Nice above the process, below its
// other threads. It was set to Nice itself, above them where the process
// may lower a nice value (root), and refused where it may not (review
// s58). The test runs itself again under nice, in a process of its own:
// a thread's nice value is its process's from its start.
func TestAThreadOfANicedServerIsLowerStill(t *testing.T) {
	if os.Getenv("LOWPRIO_NICED_CHILD") == "1" {
		start(t)
		done := Foreground()
		defer done()
		var nice int
		Run(func() { nice = threadNice(t) })
		fmt.Printf("process %d thread %d\n", threadNice(t), nice)
		return
	}
	nice, err := exec.LookPath("nice")
	if err != nil {
		t.Fatalf("nice (coreutils) is needed: %v", err)
	}
	cmd := exec.Command(nice, "-n", "10", os.Args[0], "-test.run=^TestAThreadOfANicedServerIsLowerStill$")
	cmd.Env = append(os.Environ(), "LOWPRIO_NICED_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the niced run: %v\n%s", err, out)
	}
	var process, thread int
	for _, line := range strings.Split(string(out), "\n") {
		if _, err := fmt.Sscanf(line, "process %d thread %d", &process, &thread); err == nil {
			break
		}
	}
	if process < 10 {
		t.Fatalf("the niced run's process is at nice %d, want at least 10:\n%s", process, out)
	}
	if want := min(19, process+Nice); thread != want {
		t.Errorf("a server at nice %d has its low-priority thread at %d, want %d", process, thread, want)
	}
}

// TestASearchBeginningAsThePsAreTakenBackKeepsThem: a search that begins
// just as searches have been quiet long enough for the added P to be
// taken away runs with it. It ran without (the P was taken away after the
// search had seen it added), and Procs, reading GOMAXPROCS and the Ps
// added one after the other, said one P fewer than the server's
// meanwhile: TestPsAddedWhileSearchesRun failed one run in a few (review
// s58).
func TestASearchBeginningAsThePsAreTakenBackKeepsThem(t *testing.T) {
	start(t)
	done := Foreground()
	done()
	// The hook is run by this takeBack or the one of takeBackPs, under
	// procsMu, whichever comes first; the other finds the search running.
	var searching func()
	setTakingBack(func() { searching = Foreground() })
	defer setTakingBack(nil)
	lastSearch.Store(time.Now().Add(-time.Minute).UnixNano())
	takeBack()
	procsMu.Lock()
	procsMu.Unlock()
	if searching == nil {
		t.Fatal("the Ps were not taken back: nothing began meanwhile")
	}
	if got := runtime.GOMAXPROCS(0); got != procsBefore+Extra {
		t.Errorf("GOMAXPROCS %d for the search that began as the Ps were taken back, want %d + %d", got, procsBefore, Extra)
	}
	setTakingBack(nil)
	searching()
	lastSearch.Store(time.Now().Add(-time.Minute).UnixNano())
	takeBack()
	if got, procs := runtime.GOMAXPROCS(0), Procs(); got != procsBefore || procs != procsBefore {
		t.Errorf("GOMAXPROCS %d and Procs %d once searches are quiet, want %d", got, procs, procsBefore)
	}
}

// setTakingBack sets takingBack where takeBackPs reads it.
func setTakingBack(f func()) {
	procsMu.Lock()
	defer procsMu.Unlock()
	takingBack = f
}

// TestGoexitInHandedWorkEndsTheCallerNotTheThread: work that calls
// runtime.Goexit (a test's t.Fatal) ends its caller's goroutine, as it
// would have run there, and later work still gets a low-priority thread.
func TestGoexitInHandedWorkEndsTheCallerNotTheThread(t *testing.T) {
	start(t)
	done := Foreground()
	defer done()
	callerEnded := make(chan bool)
	go func() {
		returned := false
		defer func() { callerEnded <- returned }()
		Run(runtime.Goexit)
		returned = true
	}()
	if <-callerEnded {
		t.Error("Run returned to its caller after its work called runtime.Goexit")
	}
	later := make(chan int)
	go Run(func() { later <- syscall.Gettid() })
	select {
	case tid := <-later:
		if int64(tid) != threadID.Load() {
			t.Errorf("later work ran on thread %d, not the low-priority thread %d", tid, threadID.Load())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("work handed after a Goexit waits for a thread that is gone")
	}
}

// TestTheRuntimeFollowsTheCPUsAgainOnceThePsAreGivenBack: once searches
// are quiet and the added P is given back, the runtime follows the CPUs
// the process may use again, as it does in a process that never set
// GOMAXPROCS (Go 1.25 and later): the process limited to one CPU is
// given GOMAXPROCS 1 within seconds. Taking the P back by setting
// GOMAXPROCS left it set for good, so a container given fewer CPUs kept
// as many Ps as before (session 59's note). The test runs itself again
// in a process of its own: it limits the process's CPUs, and the test
// binary's own start sets GOMAXPROCS.
func TestTheRuntimeFollowsTheCPUsAgainOnceThePsAreGivenBack(t *testing.T) {
	if os.Getenv("LOWPRIO_FOLLOW_CHILD") == "1" {
		runtime.SetDefaultGOMAXPROCS() // as in serve: the testing package set it
		before := runtime.GOMAXPROCS(0)
		start(t)
		done := Foreground()
		if runtime.GOMAXPROCS(0) != before+Extra {
			t.Fatalf("GOMAXPROCS %d while a search runs, want %d", runtime.GOMAXPROCS(0), before+Extra)
		}
		done()
		for deadline := time.Now().Add(10 * time.Second); runtime.GOMAXPROCS(0) != before; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("GOMAXPROCS %d after the searches, want %d", runtime.GOMAXPROCS(0), before)
			}
		}
		limitToOneCPU(t)
		deadline := time.Now().Add(5 * time.Second)
		for runtime.GOMAXPROCS(0) != 1 && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		fmt.Printf("gomaxprocs %d\n", runtime.GOMAXPROCS(0))
		return
	}
	if runtime.NumCPU() < 2 {
		t.Skip("one CPU: nothing fewer to limit the process to")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestTheRuntimeFollowsTheCPUsAgainOnceThePsAreGivenBack$")
	cmd.Env = append(os.Environ(), "LOWPRIO_FOLLOW_CHILD=1", "GOMAXPROCS=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the child: %v\n%s", err, out)
	}
	procs := -1
	for _, line := range strings.Split(string(out), "\n") {
		if _, err := fmt.Sscanf(line, "gomaxprocs %d", &procs); err == nil {
			break
		}
	}
	if procs != 1 {
		t.Errorf("a process limited to one CPU after its searches' P was given back has GOMAXPROCS %d, want 1 (the runtime following its CPUs)\n%s", procs, out)
	}
}

// limitToOneCPU lets every thread of the process run on one CPU only, the
// first it may run on now.
func limitToOneCPU(t *testing.T) {
	t.Helper()
	var set unix.CPUSet
	if err := unix.SchedGetaffinity(0, &set); err != nil {
		t.Fatal(err)
	}
	first := -1
	for cpu := 0; first < 0 && cpu < 1024; cpu++ {
		if set.IsSet(cpu) {
			first = cpu
		}
	}
	var one unix.CPUSet
	one.Set(first)
	tasks, err := os.ReadDir("/proc/self/task")
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range tasks {
		tid, err := strconv.Atoi(task.Name())
		if err != nil {
			continue
		}
		if err := unix.SchedSetaffinity(tid, &one); err != nil && err != unix.ESRCH {
			t.Fatalf("limit thread %d to CPU %d: %v", tid, first, err)
		}
	}
}
