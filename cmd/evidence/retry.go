package main

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/ctxtime"
)

// The retry policy of `evidence ingest --server` (README, "Importing
// through a running archive"): an upload the server answers it cannot
// take now — 429 (the account's uploads under way at their cap, or any
// other throttling) or 503 (its store or catalog briefly down, its disk
// full, its queue long) — is sent again after the wait its Retry-After
// asks, doubling from it after the second such answer in a row, at most
// retryWaitCap at a time (without one: retryFirstWait, doubling), until retryGiveUp of waiting for the same files
// without one of them taken (a file taken starts the waits again); then the
// import stops with the server's message. These are variables for the
// tests.
var (
	retryWaitCap   = time.Minute
	retryFirstWait = 5 * time.Second
	retryLeastWait = time.Second
	retryGiveUp    = 10 * time.Minute
)

// busyAnswer is an answer of the server saying it cannot take the
// request now and nothing of it was recorded: 429 or 503, with how long
// it asked the client to wait (Retry-After), if it did.
type busyAnswer struct {
	err   error         // the answer's message (a *catalog.Error)
	after time.Duration // Retry-After, when asked
	asked bool          // the answer had a Retry-After the client could read
	// served is the answer's Date (the server's clock; zero without one)
	// and took how long the request took: a server that recorded a file
	// and still answered 503 recorded it within that time.
	served time.Time
	took   time.Duration
}

func (b *busyAnswer) Error() string { return b.err.Error() }
func (b *busyAnswer) Unwrap() error { return b.err }

// busyOf is err's busyAnswer, nil when err is no such answer.
func busyOf(err error) *busyAnswer {
	var b *busyAnswer
	if errors.As(err, &b) {
		return b
	}
	return nil
}

// answerBusy is the answer resp gave, err, to a request sent at sent, as
// a busyAnswer when its status says to come back later (429, 503), else
// err as it is.
func answerBusy(resp *http.Response, err error, sent time.Time) error {
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
		return err
	}
	now := time.Now()
	after, ok := retryAfter(resp.Header.Get("Retry-After"), resp.Header.Get("Date"), now)
	b := &busyAnswer{err: err, after: after, asked: ok, took: now.Sub(sent)}
	b.served, _ = http.ParseTime(resp.Header.Get("Date"))
	return b
}

// mayHaveRecorded says whether a document recorded by user at (the
// server's clock) may have been recorded by the request b answered: a
// 503 that came after the server had recorded the file (a catalog too busy
// to read back what it had just written). The Date has whole seconds.
func (b *busyAnswer) mayHaveRecorded(user, me string, at time.Time) bool {
	if b.served.IsZero() || me == "" || user != me {
		return false
	}
	return !at.Before(b.served.Add(-b.took-time.Second)) && !at.After(b.served.Add(time.Second))
}

// retryAfter reads a Retry-After header: a number of seconds, or an HTTP
// date, counted from the answer's own Date when it has one (the server's
// clock may differ from ours), else from now. A date already past is no
// wait; a value it cannot read is none (ok false).
func retryAfter(value, date string, now time.Time) (d time.Duration, ok bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(value); err == nil {
		if s < 0 {
			return 0, false
		}
		return time.Duration(min(s, 1<<20)) * time.Second, true
	}
	at, err := http.ParseTime(value)
	if err != nil {
		return 0, false
	}
	if sent, err := http.ParseTime(date); err == nil {
		now = sent
	}
	return max(at.Sub(now), 0), true
}

// wait is how long to wait after b, the attempt'th busy answer in a row
// (0 for the first): as asked for the first two, then doubling from what
// is asked at each attempt (retryAskedAsIs), at most retryWaitCap; without
// a Retry-After, retryFirstWait doubling at each attempt up to the cap.
// A server that keeps answering busy with a short Retry-After (a proxy's
// constant 1 s) would otherwise be asked every second for retryGiveUp.
func (b *busyAnswer) wait(attempt int) time.Duration {
	if b.asked {
		// At least a second: a Retry-After of 0 or a date past (a proxy's)
		// would send the files again at once, for ever.
		floor := min(max(b.after, retryLeastWait), retryWaitCap)
		return doubled(floor, attempt-retryAskedAsIs+1)
	}
	return doubled(retryFirstWait, attempt)
}

// retryAskedAsIs is how many busy answers in a row are waited for as
// their Retry-After asks before the waits double.
const retryAskedAsIs = 2

// doubled is d doubled n times (none for n <= 0), at most retryWaitCap.
func doubled(d time.Duration, n int) time.Duration {
	for range n {
		if d >= retryWaitCap {
			break
		}
		d *= 2
	}
	return min(d, retryWaitCap)
}

// sendWaiting sends jobs in one request (uploadRequest) and, while the
// server answers that it cannot take some of them now (a busyAnswer, for
// the whole request or a file of it), waits (busyAnswer.wait, said through
// note) and sends again only those files: a file the server recorded in an
// answer is never sent twice (it would come back as a duplicate of
// itself). An answer that took some files while refusing others starts
// the waits again (busyWaits from the first): the server is working, and
// the doubling is for one that takes nothing. Past retryGiveUp of waiting
// since the last file taken it gives up: the files still refused are left
// unanswered (not imported) and the error says how long it waited and the
// server's message. Interrupted while it waits, it
// returns what the server answered so far and ctx's error.
func (c *remote) sendWaiting(ctx context.Context, jobs []fileJob, note func(string)) ([]*fileOutcome, error) {
	outs := make([]*fileOutcome, len(jobs))
	todo := make([]int, len(jobs))
	for i := range todo {
		todo[i] = i
	}
	var waits busyWaits
	refusals := make([][]*busyAnswer, len(jobs)) // each job's busy answers
	for {
		batch := make([]fileJob, len(todo))
		for k, i := range todo {
			batch[k] = jobs[i]
		}
		got, err := c.uploadRequest(ctx, batch)
		var again []int
		var busy *busyAnswer
		progress := false // the server took a file of this request
		for k, o := range got {
			outs[todo[k]] = o
			if o.busy == nil {
				progress = progress || o.answered
				c.ownDuplicate(o, refusals[todo[k]], outs)
				continue
			}
			refusals[todo[k]] = append(refusals[todo[k]], o.busy)
			// Not recorded: reported only once answered otherwise.
			o.answered = false
			again = append(again, todo[k])
			if busy == nil || o.busy.wait(waits.attempt) > busy.wait(waits.attempt) {
				busy = o.busy
			}
		}
		if ctx.Err() != nil {
			return outs, ctx.Err()
		}
		if len(again) == 0 {
			return outs, err
		}
		if progress {
			// A server that took some of the files is working: the waits
			// start again from the first, as does the time to give up.
			waits = busyWaits{}
		}
		d, ok := waits.next(busy)
		if !ok {
			return outs, catalog.Errorf(catalog.ErrorCode(busy), "等候%s后服务器仍不接收文件：%s", durationWords(waits.waited), catalog.MessageWords(busy))
		}
		note(sayf(c.lang, "等候%s后重新发送 %d 个文件（服务器应答：%s）", durationWords(d), len(again), catalog.MessageWords(busy)))
		if err := ctxtime.Sleep(ctx, d); err != nil {
			return outs, err
		}
		todo = again
	}
}

// busyWaits are the waits after one run of busy answers to the same
// request (or files): how many, and how long they took together.
type busyWaits struct {
	attempt int
	waited  time.Duration
}

// next is how long to wait after b, the next busy answer of the run
// (busyAnswer.wait, at most what is left of retryGiveUp), counted as
// waited; false once retryGiveUp has been waited: give up.
func (w *busyWaits) next(b *busyAnswer) (time.Duration, bool) {
	if w.waited >= retryGiveUp {
		return 0, false
	}
	d := min(b.wait(w.attempt), retryGiveUp-w.waited)
	w.attempt++
	w.waited += d
	return d, true
}

// doWaiting is do for a request the server may be sent again: one that
// reads (GET), or a change that is the same made twice. While the server
// answers that it cannot take it now (429, 503: a busyAnswer) it is sent
// again — newRequest makes each — after the wait the uploads take
// (busyWaits), each wait said through note (nil: said nowhere); past
// retryGiveUp it gives up with the server's message. Interrupted while it
// waits, it returns ctx's error.
func (c *remote) doWaiting(ctx context.Context, newRequest func() (*http.Request, error), out any, note func(string)) error {
	var waits busyWaits
	for {
		req, err := newRequest()
		if err != nil {
			return err
		}
		err = c.do(req, out)
		busy := busyOf(err)
		if busy == nil || ctx.Err() != nil {
			return err
		}
		d, ok := waits.next(busy)
		if !ok {
			return c.gaveUp(waits, busy)
		}
		if note != nil {
			note(c.waitNote(d, busy))
		}
		if err := ctxtime.Sleep(ctx, d); err != nil {
			return err
		}
	}
}

// waitNote says that a request is sent again after d, and why.
func (c *remote) waitNote(d time.Duration, busy *busyAnswer) string {
	return sayf(c.lang, "服务器暂时无法处理请求，等候%s后重试（服务器应答：%s）", durationWords(d), catalog.MessageWords(busy))
}

// gaveUp is the error of a request the server did not take in the waits:
// how long it waited, and the server's message.
func (c *remote) gaveUp(waits busyWaits, busy *busyAnswer) error {
	return catalog.Errorf(catalog.ErrorCode(busy), "等候%s后服务器仍无法处理请求：%s", durationWords(waits.waited), catalog.MessageWords(busy))
}

// ownDuplicate counts o, a file sent again after the busy answers
// refusals, as stored when the duplicate it came back as is the document
// one of those requests recorded before its server answered 503 (by this
// account, within the request's time): the import stored it, and the
// archive held no copy before. Only the first file of outs naming that
// document is: another is a duplicate of it.
func (c *remote) ownDuplicate(o *fileOutcome, refusals []*busyAnswer, outs []*fileOutcome) {
	if o.Outcome != "duplicate" || len(refusals) == 0 {
		return
	}
	for _, other := range outs {
		if other != o && other != nil && other.ID == o.ID && other.Outcome == "stored" {
			return
		}
	}
	for _, b := range refusals {
		if b.mayHaveRecorded(o.uploadedBy, c.me, o.uploadedAt) {
			o.Outcome, o.Duplicate = "stored", false
			return
		}
	}
}

// uploadRequest sends jobs in one request: a job alone as upload sends
// it, several as uploadGroup does.
func (c *remote) uploadRequest(ctx context.Context, jobs []fileJob) ([]*fileOutcome, error) {
	if len(jobs) == 1 {
		o, err := c.upload(ctx, jobs[0])
		return []*fileOutcome{o}, err
	}
	return c.uploadGroup(ctx, jobs)
}

// durationWords says a wait as people do, in each language: 10 分钟,
// 1 分 30 秒, 45 秒; 10 minutes, 1 minute 30 seconds, 45 seconds. Each
// language's words begin with a space, for the format's %s to follow a
// word (等候%s后, Waiting%s).
func durationWords(d time.Duration) catalog.Words {
	s := int((d + time.Second - 1) / time.Second)
	m, s := s/60, s%60
	plural := func(n int, one string) string {
		if n == 1 {
			return "1 " + one
		}
		return strconv.Itoa(n) + " " + one + "s"
	}
	switch {
	case m > 0 && s > 0:
		return catalog.Words{Chinese: " " + strconv.Itoa(m) + " 分 " + strconv.Itoa(s) + " 秒", English: " " + plural(m, "minute") + " " + plural(s, "second")}
	case m > 0:
		return catalog.Words{Chinese: " " + strconv.Itoa(m) + " 分钟", English: " " + plural(m, "minute")}
	}
	return catalog.Words{Chinese: " " + strconv.Itoa(s) + " 秒", English: " " + plural(s, "second")}
}
