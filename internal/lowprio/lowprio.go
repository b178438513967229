// Package lowprio runs the index's background work (analysis of the
// documents being indexed, building and merging segments) on an OS thread
// of lower scheduling priority while searches are running, so that a
// search waiting for a core is given one first.
//
// Go schedules goroutines without priorities, and serve's searches,
// uploads and Bleve's merges share its threads; only the kernel can prefer
// one thread to another. So the background work is handed to a goroutine
// locked for good to a thread whose nice value is raised once, by Nice
// from the process's (an unprivileged process may not lower it again),
// and while searches run the process has one more P than it had, so that
// while the kernel lets searches run first on the cores, the low-priority
// thread holding a P keeps no search waiting for one. With no search
// running the work runs where it is asked and the Ps are as they were: a
// bulk load is not changed.
package lowprio

import (
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// Extra is how many low-priority threads run background work at once,
// and how many Ps are added for them while searches run.
const Extra = 1

// Nice is how much the low-priority thread's nice value is above the
// process's (to 19 at most): the kernel then gives a search thread about
// three times its share of a core. At 10 or 19 searches were answered as
// fast, but indexing fell ever further behind the uploads under make load
// (bench/README.md, "Session 58").
const Nice = 5

var (
	searches atomic.Int64
	handed   atomic.Int64
	// work takes the functions for the low-priority thread; nil until
	// Start has given the thread its priority.
	work    atomic.Pointer[chan func()]
	started sync.Once
	// added is how many Ps are added to GOMAXPROCS now (0 or Extra);
	// procsMu orders the changes.
	added   atomic.Int64
	procsMu sync.Mutex
	// lastSearch is when a search last ended (UnixNano).
	lastSearch atomic.Int64
	// behind says the background work has fallen behind (Behind).
	behind atomic.Bool
	// threadID is the low-priority thread's ID, so that work it asks for
	// itself runs at once instead of waiting for itself.
	threadID atomic.Int64
)

// Enabled says whether serve should start the low-priority thread:
// EVIDENCE_LOWPRIO=0 (or false) says not to.
func Enabled() bool {
	v, set := os.LookupEnv("EVIDENCE_LOWPRIO")
	if !set {
		return true
	}
	on, err := strconv.ParseBool(v)
	return err != nil || on
}

// Foreground marks a search running until the function it returns is
// called.
func Foreground() (done func()) {
	searches.Add(1)
	if added.Load() == 0 && work.Load() != nil {
		addPs()
	}
	return func() {
		lastSearch.Store(time.Now().UnixNano())
		searches.Add(-1)
	}
}

// addPs adds Extra Ps for the low-priority thread (a stop of the world,
// so once for a run of searches, not for each). Until giveBackPs the
// runtime no longer follows the process's CPUs (a GOMAXPROCS set is
// kept).
func addPs() {
	procsMu.Lock()
	defer procsMu.Unlock()
	if added.Load() == 0 {
		runtime.GOMAXPROCS(runtime.GOMAXPROCS(0) + Extra)
		added.Store(Extra)
	}
}

// giveBackPs takes away the n Ps added for searches. A process whose
// GOMAXPROCS the environment does not fix is given the runtime's default
// again, which also gives back what setting GOMAXPROCS took away: the
// runtime's following of the CPUs the process may use and its cgroup's
// quota (Go 1.25 and later), so that a container given fewer or more CPUs
// while serve runs is seen as it would be without this package.
func giveBackPs(n int) {
	if procsFixed {
		runtime.GOMAXPROCS(runtime.GOMAXPROCS(0) - n)
		return
	}
	runtime.SetDefaultGOMAXPROCS()
}

// procsFixed says the GOMAXPROCS environment variable fixes GOMAXPROCS (a
// positive whole number, as the runtime reads it): the Ps are then given
// back to that number, which SetDefaultGOMAXPROCS would ignore.
var procsFixed = func() bool {
	n, err := strconv.Atoi(os.Getenv("GOMAXPROCS"))
	return err == nil && n > 0
}()

// quietAfter is how long no search must have run before the Ps added for
// searches are taken away again.
var quietAfter = 2 * time.Second

// takeBackPs runs for good, taking the added Ps away once searches have
// been quiet for quietAfter.
func takeBackPs() {
	for {
		time.Sleep(quietAfter / 2)
		takeBack()
	}
}

// takingBack, set by tests only, runs as takeBack has found searches
// quiet and is about to take the Ps away: what it does stands for a
// search that begins at that moment.
var takingBack func()

// takeBack takes the added Ps away if searches have been quiet for
// quietAfter. A search that begins meanwhile keeps them: added is
// cleared first, so that a search seeing it cleared adds them again
// (addPs, once this returns), and one that saw them still added (and so
// added none) is seen running here after, and they are given back.
func takeBack() {
	procsMu.Lock()
	defer procsMu.Unlock()
	if added.Load() == 0 || searches.Load() != 0 || time.Since(time.Unix(0, lastSearch.Load())) < quietAfter {
		return
	}
	if takingBack != nil {
		takingBack()
	}
	n := int(added.Swap(0))
	giveBackPs(n)
	if searches.Load() != 0 {
		runtime.GOMAXPROCS(runtime.GOMAXPROCS(0) + n)
		added.Store(int64(n))
	}
}

// Run runs f and returns when it has: on the low-priority thread while a
// search is running (and Start has started it) and the work is not
// behind, else in the caller's goroutine. A panic in f reaches the caller
// as a *HandedPanic wherever f ran: a recoverer sees the same kind of
// value whether a search happened to be running or not.
func Run(f func()) {
	ch := work.Load()
	if ch == nil || searches.Load() == 0 || behind.Load() || onLowPriorityThread() {
		defer func() {
			if p := recover(); p != nil {
				panic(handedPanic(p))
			}
		}()
		f()
		return
	}
	done := make(chan any, 1)
	*ch <- func() {
		returned := false
		defer func() {
			p := recover()
			switch {
			case p != nil:
				p = handedPanic(p)
			case !returned:
				p = goexit{} // f called runtime.Goexit, which ends the thread's goroutine too
			}
			done <- p
		}()
		f()
		returned = true
	}
	handed.Add(1)
	switch p := <-done; p.(type) {
	case nil:
	case goexit:
		runtime.Goexit()
	default:
		panic(p)
	}
}

// HandedPanic is what Run's caller recovers when the work it gave Run
// panicked: the work's panic value, and the stack where it was raised,
// which the caller's own stack (Run raising it again, perhaps from
// another thread's work) does not show. A recoverer that reports the
// panic says Value and logs Stack: Error's text holds both.
type HandedPanic struct {
	Value any
	Stack []byte
}

// handedPanic is p, recovered from work given to Run, as Run's caller
// recovers it. A *HandedPanic already (work run by a Run inside the
// work) is passed on as it is: its stack is the one that raised it.
func handedPanic(p any) *HandedPanic {
	if h, ok := p.(*HandedPanic); ok {
		return h
	}
	return &HandedPanic{Value: p, Stack: debug.Stack()}
}

// Error gives the value and the work's stack, which is what a panic no
// one recovers prints.
func (p *HandedPanic) Error() string {
	return fmt.Sprintf("%v\n\n[raised in work given to lowprio.Run]\n%s", p.Value, p.Stack)
}

// Unwrap gives the work's panic value when it is an error.
func (p *HandedPanic) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

// goexit says handed work called runtime.Goexit: its caller's goroutine
// ends as it would have had the work run there.
type goexit struct{}

// Behind says whether the background work has fallen too far behind to
// give way to searches any longer: while it is, Run runs everything where
// it is asked, at the searches' priority. Searches that keep every core
// busy would otherwise put the indexing of uploads off without end.
func Behind(b bool) { behind.Store(b) }

// IsBehind says what Behind last said.
func IsBehind() bool { return behind.Load() }

// Searching is how many searches are running (Foreground).
func Searching() int64 { return searches.Load() }

// Handed is how many functions Run has handed to the low-priority thread
// since the process started.
func Handed() int64 { return handed.Load() }

// Start starts the low-priority thread, once for the process. It reports
// whether the thread has its priority; where it cannot (a system without
// per-thread priorities), Run goes on running everything in its callers
// and GOMAXPROCS is left as it is.
func Start() bool {
	started.Do(func() {
		ch := make(chan func())
		ok := make(chan bool, 1)
		go serveLowPriority(ch, ok)
		if <-ok {
			work.Store(&ch)
			go takeBackPs()
		}
	})
	return work.Load() != nil
}

// Procs is GOMAXPROCS less the Ps added for searches: the Ps the server's
// own goroutines share, by which it sizes its pools. Read under procsMu:
// GOMAXPROCS and added change one after the other.
func Procs() int {
	procsMu.Lock()
	defer procsMu.Unlock()
	return max(1, runtime.GOMAXPROCS(0)-int(added.Load()))
}

// serveLowPriority runs the work sent on ch on a thread of its own at
// low priority, and says on ok whether the thread got its priority.
func serveLowPriority(ch chan func(), ok chan<- bool) {
	runtime.LockOSThread() // for good: the thread keeps its nice value
	if err := lowerThreadPriority(Nice); err != nil {
		ok <- false
		return // the thread ends with its goroutine, still locked
	}
	threadID.Store(int64(threadOf()))
	ok <- true
	// Work that calls runtime.Goexit ends this goroutine and its thread
	// (Run ends its caller's too): another takes their place, or the
	// work still to come would wait for a thread that is gone.
	defer func() { go serveLowPriority(ch, make(chan bool, 1)) }()
	for f := range ch {
		f()
	}
}

func onLowPriorityThread() bool {
	id := threadID.Load()
	return id != 0 && int64(threadOf()) == id
}
