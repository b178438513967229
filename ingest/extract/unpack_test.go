package extract

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

func archiveFixture(name string) string { return filepath.Join("..", "testdata", "archives", name) }

// takeAll chooses every file of an archive and counts what each gives.
func takeAll(got map[string]int64) (Choose, Take) {
	var names []string
	choose := func(entries []ArchiveEntry) ([]ArchiveTake, error) {
		var takes []ArchiveTake
		names = make([]string, len(entries))
		for i, e := range entries {
			names[i] = e.Name
			if !e.Dir {
				takes = append(takes, ArchiveTake{Index: i, Max: e.Size})
			}
		}
		return takes, nil
	}
	take := func(i int, r io.Reader) error {
		n, _ := io.Copy(io.Discard, r)
		got[names[i]] = n
		return nil
	}
	return choose, take
}

// TestUnpackEndsWhateverTheChildDoes: an unpacking ends with its reason
// whether the child lists too many entries, stalls, never arrives, sends
// an entry that never ends, says what is no part of the conversation, dies or is given
// up by the caller; none leaves the caller waiting past its limits.
func TestUnpackEndsWhateverTheChildDoes(t *testing.T) {
	tests := []struct {
		name    string
		sandbox *Sandbox
		lim     UnpackLimits
		cancel  bool
		want    error
	}{
		{"条目过多", testSandbox(0), UnpackLimits{MaxEntries: 3}, false, ErrArchiveEntries},
		{"不动了", &Sandbox{Command: []string{"sh", "-c", `read request; echo '{"arrived":true}'; sleep 60`}}, UnpackLimits{Stall: 300 * time.Millisecond}, false, ErrArchiveTime},
		{"一直没来", &Sandbox{Command: []string{"sh", "-c", "sleep 60"}}, UnpackLimits{Stall: 10 * time.Second, Timeout: 500 * time.Millisecond}, false, ErrArchiveTime},
		{"迟迟不来", &Sandbox{Command: []string{"sh", "-c", "sleep 60"}}, UnpackLimits{Stall: 300 * time.Millisecond, Timeout: time.Minute}, false, ErrArchiveTime},
		{"一个文件没完没了", &Sandbox{Command: []string{"sh", "-c", `read request; echo '{"listed":true,"entries":[{"name":"a.txt","size":1}]}'; read selection; echo '{"entry":0}'; while :; do echo '{"chunk":1}'; printf x; done`}},
			UnpackLimits{Stall: 10 * time.Second, Timeout: 500 * time.Millisecond}, false, ErrArchiveTime},
		{"说无关的话", &Sandbox{Command: []string{"sh", "-c", `read request; echo '{"progress":[1,2]}'; sleep 60`}}, UnpackLimits{}, false, nil},
		{"死了", &Sandbox{Command: []string{"sh", "-c", "read request; exit 3"}}, UnpackLimits{}, false, ErrArchiveDamaged},
		{"调用方放弃", &Sandbox{Command: []string{"sh", "-c", "read request; sleep 60"}}, UnpackLimits{}, true, context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer tt.sandbox.Close()
			ctx, cancel := context.WithCancel(t.Context())
			if tt.cancel {
				time.AfterFunc(200*time.Millisecond, cancel)
			}
			defer cancel()
			start := time.Now()
			choose, take := takeAll(map[string]int64{})
			err := tt.sandbox.Unpack(ctx, Archive7z, archiveFixture("材料汇总.7z"), tt.lim, choose, take)
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("ended after %s", took)
			}
			if tt.want == nil {
				// Messages that are no part of the conversation end it.
				if err == nil {
					t.Fatal("a child that talks nonsense: no error")
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("%v; want %v", err, tt.want)
			}
		})
	}
}

// TestUnpackInTheChildReadsAsInProcess: the child streams every file's
// bytes back as reading in process gives them, in RAR (separate and
// solid) and 7z.
func TestUnpackInTheChildReadsAsInProcess(t *testing.T) {
	sb := testSandbox(0)
	defer sb.Close()
	for _, tt := range []struct {
		name   string
		format ArchiveFormat
	}{{"分别压缩.rar", ArchiveRAR}, {"整体压缩.rar", ArchiveRAR}, {"整体压缩.7z", Archive7z}, {"材料汇总.7z", Archive7z}} {
		inProcess, inChild := map[string]int64{}, map[string]int64{}
		choose, take := takeAll(inProcess)
		if err := UnpackInProcess(t.Context(), tt.format, archiveFixture(tt.name), UnpackLimits{}, choose, take); err != nil {
			t.Fatalf("%s in process: %v", tt.name, err)
		}
		choose, take = takeAll(inChild)
		if err := sb.Unpack(t.Context(), tt.format, archiveFixture(tt.name), UnpackLimits{}, choose, take); err != nil {
			t.Fatalf("%s in the child: %v", tt.name, err)
		}
		if len(inChild) < 2 || len(inChild) != len(inProcess) {
			t.Errorf("%s: %v in the child, %v in process", tt.name, inChild, inProcess)
		}
		for name, n := range inProcess {
			if inChild[name] != n {
				t.Errorf("%s: %s gave %d bytes in the child, %d in process", tt.name, name, inChild[name], n)
			}
		}
	}
}

// TestUnpackRefusesAChildThatLies: the parent checks every entry the
// child sends against the files it chose, in their order, none twice,
// and takes "unpacked" only once each of them came; a child that breaks
// any of these has the archive refused as damaged, take never given an
// entry that was not chosen, and nothing panics.
func TestUnpackRefusesAChildThatLies(t *testing.T) {
	const (
		listing = `read request; echo '{"listed":true,"entries":[{"name":"通知.txt","size":1},{"name":"总结.txt","size":1}]}'; read selection; `
		entry0  = `echo '{"entry":0}'; echo '{"chunk":1}'; printf x; echo '{"entry_end":true}'; `
	)
	tests := []struct {
		name  string
		child string
		taken string // the entries take was given
	}{
		{"未选的条目", listing + `echo '{"entry":99999}'; sleep 60`, "[]"},
		{"负的条目", listing + `echo '{"entry":-1}'; sleep 60`, "[]"},
		{"列出之前就送条目", `read request; echo '{"entry":0}'; sleep 60`, "[]"},
		{"同一条目两次", listing + entry0 + entry0 + `sleep 60`, "[0]"},
		{"顺序颠倒", listing + `echo '{"entry":1}'; sleep 60`, "[]"},
		{"还没送就说完了", listing + `echo '{"unpacked":true}'; sleep 60`, "[]"},
		{"少送一个就说完了", listing + entry0 + `echo '{"unpacked":true}'; sleep 60`, "[0]"},
		{"没列出就说完了", `read request; echo '{"unpacked":true}'; sleep 60`, "[]"},
		{"列出两次", listing + `echo '{"listed":true,"entries":[{"name":"通知.txt","size":1}]}'; sleep 60`, "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := &Sandbox{Command: []string{"sh", "-c", tt.child}}
			defer sb.Close()
			choose, _ := takeAll(map[string]int64{})
			taken := []int{}
			take := func(i int, r io.Reader) error {
				taken = append(taken, i)
				_, err := io.Copy(io.Discard, r)
				return err
			}
			start := time.Now()
			err := sb.Unpack(t.Context(), Archive7z, archiveFixture("材料汇总.7z"), UnpackLimits{Stall: 20 * time.Second}, choose, take)
			if !errors.Is(err, ErrArchiveDamaged) {
				t.Fatalf("%v; want the archive refused as damaged", err)
			}
			if got := fmt.Sprint(taken); got != tt.taken {
				t.Errorf("take was given %s; want %s", got, tt.taken)
			}
			if took := time.Since(start); took > 10*time.Second {
				t.Errorf("ended after %s; want at once", took)
			}
		})
	}
}

// TestUnpackWaitsForAFreePlace: with one place to unpack, a second
// archive waits while the first is being unpacked and starts when it
// ends; one whose request ends while it waits stops waiting at once, and
// one that waits past UnpackWait is told to try again shortly
// (EUNAVAILABLE with a retry time).
func TestUnpackWaitsForAFreePlace(t *testing.T) {
	sb := &Sandbox{Command: []string{"sh", "-c", `read request; echo '{"listed":true,"entries":[]}'; read selection; echo '{"unpacked":true}'`},
		Unpacks: 1, UnpackWait: time.Minute}
	defer sb.Close()
	unpack := func(ctx context.Context, listed chan<- struct{}, hold <-chan struct{}) error {
		choose := func([]ArchiveEntry) ([]ArchiveTake, error) {
			listed <- struct{}{}
			<-hold
			return nil, nil
		}
		return sb.Unpack(ctx, Archive7z, archiveFixture("材料汇总.7z"), UnpackLimits{}, choose, func(int, io.Reader) error { return nil })
	}
	listed, hold := make(chan struct{}, 3), make(chan struct{})
	first := make(chan error, 1)
	go func() { first <- unpack(t.Context(), listed, hold) }()
	<-listed // the first holds the place, its child listing

	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := unpack(ctx, listed, hold); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("an unpacking whose request ended while it waited: %v, want the request's end", err)
	}
	if took := time.Since(start); took > sb.UnpackWait/2 {
		t.Errorf("an unpacking whose request ended waited %s", took)
	}

	second := make(chan error, 1)
	go func() { second <- unpack(t.Context(), listed, hold) }()
	select {
	case <-listed:
		t.Fatal("a second archive was listed while the first held the only place")
	case <-time.After(300 * time.Millisecond):
	}
	close(hold)
	if err := <-first; err != nil {
		t.Fatalf("the first archive: %v", err)
	}
	if err := <-second; err != nil {
		t.Fatalf("the second archive, once the place was free: %v", err)
	}

	release, err := sb.unpackSlot(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	sb.UnpackWait = 50 * time.Millisecond
	choose, take := takeAll(map[string]int64{})
	err = sb.Unpack(t.Context(), Archive7z, archiveFixture("材料汇总.7z"), UnpackLimits{}, choose, take)
	if catalog.ErrorCode(err) != catalog.EUNAVAILABLE || !strings.Contains(catalog.ErrorMessage(err), "同时最多 1 个") {
		t.Errorf("an unpacking with every place busy: %v, want EUNAVAILABLE naming the bound", err)
	}
	if d, ok := catalog.RetryAfter(err); !ok || d <= 0 {
		t.Errorf("an unpacking with every place busy: no retry time (%v)", err)
	}
}

// TestUnpackHeartbeatKeepsAReadingChildAlive: a child that sends nothing
// but heartbeats counting more of the archive read, for longer than the
// stall limit (while it skips a large file of a solid stream, or decodes
// a chosen one slowly, between its chunks), is not killed, and its file
// comes whole; heartbeats that count nothing more read are silence, and
// none lets a child run past the total time.
func TestUnpackHeartbeatKeepsAReadingChildAlive(t *testing.T) {
	const listing = `read request; echo '{"listed":true,"entries":[{"name":"活动视频.mp4","size":9},{"name":"通知.txt","size":2}]}'; read selection; `
	beats := func(from, to int, same bool) string {
		n := "$i"
		if same {
			n = "5"
		}
		return fmt.Sprintf(`i=%d; while [ $i -le %d ]; do echo "{\"alive\":%s}"; sleep 0.1; i=$((i+1)); done; `, from, to, n)
	}
	tests := []struct {
		name  string
		child string
		lim   UnpackLimits
		want  error
	}{
		{"跳过大文件时报平安", listing + beats(1, 10, false) +
			`echo '{"entry":1}'; echo '{"chunk":1}'; printf a; ` + beats(11, 20, false) + `echo '{"chunk":1}'; printf b; echo '{"entry_end":true}'; echo '{"unpacked":true}'`,
			UnpackLimits{Stall: 400 * time.Millisecond}, nil},
		{"报平安却没读", listing + beats(1, 30, true) + `echo '{"unpacked":true}'`,
			UnpackLimits{Stall: 400 * time.Millisecond}, ErrArchiveTime},
		{"报平安不延长总时限", listing + beats(1, 100, false) + `echo '{"unpacked":true}'`,
			UnpackLimits{Stall: 400 * time.Millisecond, Timeout: 1500 * time.Millisecond}, ErrArchiveTime},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := &Sandbox{Command: []string{"sh", "-c", tt.child}}
			defer sb.Close()
			choose := func([]ArchiveEntry) ([]ArchiveTake, error) { return []ArchiveTake{{Index: 1, Max: 2}}, nil }
			var got []byte
			take := func(i int, r io.Reader) error {
				b, err := io.ReadAll(r)
				got = b
				return err
			}
			start := time.Now()
			err := sb.Unpack(t.Context(), Archive7z, archiveFixture("材料汇总.7z"), tt.lim, choose, take)
			took := time.Since(start)
			if tt.want == nil {
				if err != nil || string(got) != "ab" {
					t.Fatalf("%v after %s, file %q; want the file whole", err, took, got)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("%v after %s; want %v", err, took, tt.want)
			}
			if took > 2500*time.Millisecond {
				t.Errorf("ended after %s; want within the stall or the total time", took)
			}
		})
	}
}

// TestHeartbeatOnlyWhileTheArchiveIsRead: the child's heartbeat says how
// much of the archive it read, only in an interval in which that grew,
// and nothing once stopped (the final message is the last line).
func TestHeartbeatOnlyWhileTheArchiveIsRead(t *testing.T) {
	var progress unpackProgress
	read := &progress.read
	var mu sync.Mutex
	var sent []int64
	stop := heartbeat(&progress, 10*time.Millisecond, func(m childMessage) {
		mu.Lock()
		defer mu.Unlock()
		sent = append(sent, m.Alive)
	})
	count := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(sent)
	}
	for range 5 {
		read.Add(4096)
		time.Sleep(30 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond) // the last read's heartbeat, however late its tick
	reading := count()
	time.Sleep(100 * time.Millisecond) // decoding without reading: a loop
	idle := count() - reading
	read.Add(1)
	stop()
	after := count()
	read.Add(1)
	time.Sleep(50 * time.Millisecond)
	if reading < 3 {
		t.Errorf("%d heartbeats while reading 5 times, 30 ms apart, every 10 ms; want at least 3", reading)
	}
	if idle != 0 {
		t.Errorf("%d heartbeats while nothing was read; want none", idle)
	}
	if count() != after {
		t.Errorf("a heartbeat after stop: %v", sent)
	}
	for i := 1; i < len(sent); i++ {
		if sent[i] <= sent[i-1] {
			t.Errorf("heartbeats %v do not grow", sent)
		}
	}
}

// TestUnpack7zEncryptedIsSaidEncrypted: a 7z file encrypted is refused
// as encrypted whether it is compressed or stored (which the library
// would decrypt with no password into bytes that only fail the checksum:
// damaged), and encrypted names refuse the archive whole.
func TestUnpack7zEncryptedIsSaidEncrypted(t *testing.T) {
	tests := []struct {
		archive   string
		entryErr  error // of every file
		wholeErr  error
		wantFiles int
	}{
		{archive: "加密.7z", entryErr: ErrEntryEncrypted, wantFiles: 2},
		{archive: "加密未压缩.7z", entryErr: ErrEntryEncrypted, wantFiles: 2},
		{archive: "加密目录.7z", wholeErr: ErrArchiveEncrypted},
		{archive: "损坏.7z", wantFiles: 2}, // one file damaged: neither said encrypted
	}
	for _, tt := range tests {
		t.Run(tt.archive, func(t *testing.T) {
			choose, _ := takeAll(map[string]int64{})
			errs := map[int]error{}
			take := func(i int, r io.Reader) error {
				_, errs[i] = io.Copy(io.Discard, r)
				return nil
			}
			err := UnpackInProcess(t.Context(), Archive7z, archiveFixture(tt.archive), UnpackLimits{}, choose, take)
			if tt.wholeErr != nil {
				if !errors.Is(err, tt.wholeErr) {
					t.Fatalf("%v; want %v", err, tt.wholeErr)
				}
				return
			}
			if err != nil || len(errs) != tt.wantFiles {
				t.Fatalf("%v, %d files read; want %d", err, len(errs), tt.wantFiles)
			}
			for i, e := range errs {
				switch {
				case tt.entryErr != nil && !errors.Is(e, tt.entryErr):
					t.Errorf("file %d: %v; want %v", i, e, tt.entryErr)
				case tt.entryErr == nil && errors.Is(e, ErrEntryEncrypted):
					t.Errorf("file %d of an archive without a password: %v", i, e)
				}
			}
		})
	}
}

// TestHeartbeatWhileDecodingFromOneRead: a decoder writing out an entry
// of zeros from the one read of the archive it made, slower than the
// heartbeat's interval, still sends heartbeats that grow as it decodes;
// without a byte decoded there is none. The decoder is a reader that
// gives one chunk each time the test lets it, so what is counted does
// not hang on timing.
func TestHeartbeatWhileDecodingFromOneRead(t *testing.T) {
	var progress unpackProgress
	progress.read.Add(4096) // the one read
	beats := make(chan int64, 64)
	stop := heartbeat(&progress, 5*time.Millisecond, func(m childMessage) { beats <- m.Alive })
	defer stop()
	next := func() int64 {
		select {
		case n := <-beats:
			return n
		case <-time.After(5 * time.Second):
			t.Fatal("no heartbeat within 5 s of a byte decoded")
			return 0
		}
	}
	if first := next(); first != 4096 {
		t.Fatalf("first heartbeat %d, want the 4096 bytes read", first)
	}
	step := make(chan struct{})
	decoder := progress.counting(&gatedZeros{step: step})
	go io.Copy(io.Discard, decoder)
	last := int64(4096)
	for range 3 {
		step <- struct{}{}
		n := next()
		if n <= last || progress.read.Load() != 4096 {
			t.Fatalf("heartbeat %d after %d: want it to grow with the bytes decoded alone", n, last)
		}
		last = n
	}
	select {
	case n := <-beats:
		t.Errorf("heartbeat %d with nothing more decoded", n)
	case <-time.After(50 * time.Millisecond):
	}
	close(step)
}

// gatedZeros gives a buffer of zeros for each value on step, and ends
// when step is closed.
type gatedZeros struct{ step chan struct{} }

func (g *gatedZeros) Read(p []byte) (int, error) {
	if _, ok := <-g.step; !ok {
		return 0, io.EOF
	}
	clear(p)
	return len(p), nil
}

// TestUnpackCountsWhatItDecodes: what an unpacking decodes and sends
// nothing of is counted for the heartbeat: the files of a solid stream
// decoded to reach the one taken (RAR and 7z), and the rest of a file
// past what take read (64 MiB of zeros from 10 KB of archive).
func TestUnpackCountsWhatItDecodes(t *testing.T) {
	tests := []struct {
		archive string
		format  ArchiveFormat
		take    string
		max     int64
		atLeast int64 // bytes decoded
	}{
		{"整体压缩.rar", ArchiveRAR, "第12份说明.txt", 100, 35_100},
		{"整体压缩.7z", Archive7z, "第12份说明.txt", 100, 35_100},
		{"全是零.7z", Archive7z, "说明.txt", 100, 64 << 20},
		{"全是零.7z", Archive7z, "全是零.txt", 100, 64 << 20},
	}
	for _, tt := range tests {
		t.Run(tt.archive+"/"+tt.take, func(t *testing.T) {
			choose := func(entries []ArchiveEntry) ([]ArchiveTake, error) {
				for i, e := range entries {
					if e.Name == tt.take {
						return []ArchiveTake{{Index: i, Max: tt.max}}, nil
					}
				}
				return nil, fmt.Errorf("no %s in %v", tt.take, entries)
			}
			var got []byte
			take := func(_ int, r io.Reader) error {
				var err error
				got, err = io.ReadAll(r)
				return err
			}
			var progress unpackProgress
			if err := unpackArchive(t.Context(), tt.format, archiveFixture(tt.archive), UnpackLimits{}.WithDefaults(), &progress, choose, take); err != nil {
				t.Fatal(err)
			}
			if len(got) == 0 {
				t.Fatalf("%s: nothing taken", tt.take)
			}
			if d := progress.decoded.Load(); d < tt.atLeast {
				t.Errorf("%d bytes counted decoded (%d read); want at least %d", d, progress.read.Load(), tt.atLeast)
			}
		})
	}
}
