package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/ctxtime"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/search"
	"github.com/schollz/progressbar/v3"
)

// remote is `evidence ingest --server` and `evidence search --server`:
// the same import or search through the JSON API of a running archive,
// which holds the index itself.
type remote struct {
	base, token string
	client      *http.Client
	// lang is the language of what the import says of each file.
	lang report.Lang
	// perRequest is how many files an upload request carries at most.
	perRequest int
	// me is the token's account, as check found it, and role its role.
	me, role string
	// sameFields: every file carries the same fields (no manifest), so a
	// request the server refuses for them stands for every request.
	sameFields bool
}

// fieldsRefused is the server's refusal of the fields every file of an
// import shares (a 责任单位 off the city's list, a round never added):
// the import stops with it before sending more, as a local import does,
// rather than send every file to hear the same refusal.
type fieldsRefused struct{ error }

func (e fieldsRefused) Unwrap() error { return e.error }

// refusesFields says whether err, a request's to which no file got its
// own answer, refuses one of fields, those the request's files share
// (not the files themselves: photos that cannot be joined are refused
// on "file", and other files may join).
func refusesFields(err error, got []*fileOutcome, fields map[string]string) bool {
	_, shared := fields[catalog.ErrorField(err)]
	return catalog.ErrorCode(err) == catalog.EINVALID && shared && len(answeredOf(got)) == 0
}

// check asks the server who the token belongs to, so a wrong address or
// token stops the import before the first file. A server that cannot
// answer now (429, 503) is asked again as uploads are (doWaiting), each
// wait said through note.
func (c *remote) check(ctx context.Context, note func(string)) error {
	var me struct {
		User struct {
			Username string `json:"username"`
			Role     string `json:"role"`
		} `json:"user"`
	}
	err := c.doWaiting(ctx, c.get(ctx, "/api/v1/me"), &me, note)
	c.me, c.role = me.User.Username, me.User.Role
	return err
}

// get makes, for doWaiting, GET requests of path (with its query) on the
// server.
func (c *remote) get(ctx context.Context, path string) func() (*http.Request, error) {
	return func() (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, "GET", c.base+path, nil)
		if err != nil {
			return nil, catalog.Errorf(catalog.EINVALID, "服务器地址 %q 无效：%v", c.base, err)
		}
		return req, nil
	}
}

// pollEvery is how often an uploaded document's status is asked for.
const pollEvery = 300 * time.Millisecond

// ingest uploads the jobs one request after another (several files a
// request: requestGroups), then waits until the server
// has read each. Waiting for each file before sending the next made a
// folder's import a file per indexing turn (a third of a second or more
// each, and the index written a document at a time); sent together, the
// server reads and indexes them in batches. A server that answers it
// cannot take files now is waited for (sendWaiting). It stops early, with
// what it did and why, on Ctrl-C (errInterrupted), when the server cannot
// be reached, or when it has not taken the files in retryGiveUp: the
// files after would only fail the same way.
func (c *remote) ingest(ctx context.Context, jobs []fileJob, stderr io.Writer) (outcomes []*fileOutcome, stopped error) {
	bar := progressbar.NewOptions(len(jobs), progressbar.OptionSetWriter(barWriter(stderr)), progressbar.OptionSetDescription(words(c.lang, "上传", "Uploading")),
		progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
	note := func(line string) {
		bar.Clear()
		fmt.Fprintln(stderr, line)
	}
	for _, group := range requestGroups(jobs, c.perRequest) {
		if ctx.Err() != nil {
			return c.unfinished(outcomes), errInterrupted
		}
		got, err := c.sendWaiting(ctx, group, note)
		if len(group) > 1 && catalog.ErrorCode(err) == catalog.ETOOLARGE && len(answeredOf(got)) == 0 {
			// Too large together (a file over the server's limit, which
			// the import does not know): each file alone, so that only
			// the one too large is refused.
			got, err = c.uploadEach(ctx, group, note)
		}
		switch {
		case c.sameFields && len(outcomes) == 0 && refusesFields(err, got, group[0].Fields):
			return nil, fieldsRefused{err}
		case ctx.Err() != nil:
			// The files the server answered for before (a request cut
			// off, or a wait for the server interrupted) are reported.
			return c.unfinished(append(outcomes, expandArchives(answeredOf(got))...)), errInterrupted
		case stopsImport(err):
			// The files the server answered for (stored before the store
			// went, or refused) are reported; those of a request it did
			// not answer, or did not take in retryGiveUp, are left not
			// imported.
			return c.unfinished(append(outcomes, expandArchives(answeredOf(got))...)), err
		}
		outcomes = append(outcomes, expandArchives(got)...)
		bar.Add(len(got))
	}
	bar.Finish()
	reading := 0
	for _, o := range outcomes {
		if o.Outcome != "failed" && o.pending() {
			reading++
		}
	}
	bar = progressbar.NewOptions(reading, progressbar.OptionSetWriter(barWriter(stderr)), progressbar.OptionSetDescription(words(c.lang, "处理", "Reading")),
		progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
	for _, o := range outcomes {
		if o.Outcome == "failed" || !o.pending() {
			continue
		}
		err := c.wait(ctx, o, note)
		switch {
		case ctx.Err() != nil:
			return c.unfinished(outcomes), errInterrupted
		case err != nil:
			// The server went away: the files are stored all the same,
			// and the next run shows what became of them.
			return c.unfinished(outcomes), err
		}
		bar.Add(1)
	}
	bar.Finish()
	return outcomes, nil
}

// uploadEach sends jobs a request each, in order (sendWaiting), until
// the server cannot be reached or take them (its error) or the import is
// interrupted.
func (c *remote) uploadEach(ctx context.Context, jobs []fileJob, note func(string)) ([]*fileOutcome, error) {
	var got []*fileOutcome
	for _, job := range jobs {
		one, err := c.sendWaiting(ctx, []fileJob{job}, note)
		o := one[0]
		if ctx.Err() != nil || stopsImport(err) {
			return append(got, answeredOf(one)...), err
		}
		o.answered = true
		got = append(got, o)
	}
	return got, nil
}

// stopsImport says whether err, a request's, ends the import: the server
// out of reach, or not taking files for retryGiveUp (sendWaiting); the
// files after would only fail the same way.
func stopsImport(err error) bool {
	code := catalog.ErrorCode(err)
	return code == catalog.EUNAVAILABLE || code == catalog.ETHROTTLED
}

// answeredOf is the outcomes of got the server gave an answer for.
func answeredOf(got []*fileOutcome) []*fileOutcome {
	var out []*fileOutcome
	for _, o := range got {
		if o != nil && o.answered {
			out = append(out, o)
		}
	}
	return out
}

// pending says whether the server has yet to read the outcome's document.
func (o *fileOutcome) pending() bool { return o.Status == "stored" || o.Status == "extracted" }

// unfinished marks the files stored but not yet read when the import was
// interrupted: stored all the same; what became of them the next run or
// the web shows.
func (c *remote) unfinished(outcomes []*fileOutcome) []*fileOutcome {
	for _, o := range outcomes {
		if o.Outcome != "failed" && o.pending() {
			o.Error = sayf(c.lang, "已上传，中断时尚未处理完")
		}
	}
	return outcomes
}

// apiError is the API's error body.
type apiError struct {
	Error struct {
		Code, Message, Field string
		MessageEn            string `json:"message_en"`
	} `json:"error"`
}

type apiDocument struct {
	ID        string `json:"id"`
	Status    string `json:"status"`
	Error     string `json:"error"`
	ErrorEn   string `json:"error_en"`
	Duplicate bool   `json:"duplicate"`
	// JoinedPhotos: how many photos the document was joined from.
	JoinedPhotos int `json:"joined_photos"`
	// RepairedOriginal: the file sent mended the stored original.
	RepairedOriginal bool `json:"repaired_original"`
	// UploadedBy and UploadedAt: who recorded the document, and when.
	UploadedBy string    `json:"uploaded_by"`
	UploadedAt time.Time `json:"uploaded_at"`
	docFields
}

// upload streams one job's file as a multipart POST, never holding it in
// memory; the photos of a --join job all in one, with join_photos=1. The
// error is the request's, when it did not get an answer from the API (the
// outcome says failed with its message too).
func (c *remote) upload(ctx context.Context, job fileJob) (*fileOutcome, error) {
	o := &fileOutcome{Path: job.Path, Outcome: "failed"}
	paths := job.Photos
	if len(paths) == 0 {
		paths = []string{job.Path}
	}
	files := make([]*os.File, 0, len(paths))
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			o.Error = sayf(c.lang, "无法读取文件：%v", err)
			if len(job.Photos) > 0 {
				err = ingest.JoinRefused(filepath.Base(p), catalog.Errorf(catalog.EINVALID, "无法读取文件：%v", err))
				o.Error = describeIn(err, c.lang)
			}
			return o, nil
		}
		files = append(files, f)
	}
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		var err error
		for k, v := range job.Fields {
			if v != "" && err == nil {
				err = mw.WriteField(k, v)
			}
		}
		if len(job.Photos) > 0 && err == nil {
			err = mw.WriteField("join_photos", "1")
		}
		for i := 0; i < len(files) && err == nil; i++ {
			var part io.Writer
			if part, err = mw.CreateFormFile("file", filepath.Base(paths[i])); err == nil {
				_, err = io.Copy(part, files[i])
			}
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	req, err := http.NewRequestWithContext(ctx, "POST", c.base+"/api/v1/documents", pr)
	if err != nil {
		o.Error = err.Error()
		return o, nil
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	var body groupAnswer
	err = c.do(req, &body, &body)
	if len(job.Photos) == 0 && busyOf(err) == nil && body.fromArchive() {
		// The answer is the archive's files: each its own outcome.
		o.members = c.archiveMembers(job, &body)
		o.Outcome, o.Error, o.answered = "archive", "", true
		return o, nil
	}
	if err != nil {
		o.Error, o.busy = describeIn(err, c.lang), busyOf(err)
		return o, err
	}
	if len(body.Documents) == 0 {
		o.Error = sayf(c.lang, "服务器应答中没有文档")
		return o, nil
	}
	d := body.Documents[0]
	o.ID, o.Status, o.Error, o.Duplicate, o.docFields = d.ID, d.Status, words(c.lang, d.Error, d.ErrorEn), d.Duplicate, d.docFields
	o.JoinedPhotos, o.Repaired = d.JoinedPhotos, d.RepairedOriginal
	o.uploadedBy, o.uploadedAt = d.UploadedBy, d.UploadedAt
	o.Outcome, o.answered = "stored", true
	if d.Duplicate {
		o.Outcome, o.Task = "duplicate", job.Fields["assignment"]
	}
	return o, nil
}

// A folder goes to the server in requests of several files (--per-request,
// at most groupFiles by default), as the web upload page sends it: the
// server authorises a request once and records its files in one
// transaction (README, POST /api/v1/documents).
const (
	groupFiles = 16
	groupBytes = 16 << 20
)

// isArchiveName says whether path names an archive of files the server
// unpacks, whose answer is its files'.
func isArchiveName(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".zip", ".rar", ".7z":
		return true
	}
	return false
}

// requestGroups cuts jobs into the requests that send them: runs of files
// with the same fields, up to perRequest files and groupBytes together;
// photos to be joined and archives of files (.zip, .rar, .7z) go alone,
// as does a file that
// cannot be looked at (its request says why).
func requestGroups(jobs []fileJob, perRequest int) [][]fileJob {
	var groups [][]fileJob
	var size int64
	alone := func(job fileJob) (bool, int64) {
		if len(job.Photos) > 0 || isArchiveName(job.Path) {
			return true, 0
		}
		st, err := os.Stat(job.Path)
		if err != nil || st.Size() > groupBytes {
			return true, 0
		}
		return false, st.Size()
	}
	open := false // the last group takes more
	for _, job := range jobs {
		single, n := alone(job)
		if k := len(groups) - 1; open && !single && len(groups[k]) < perRequest && size+n <= groupBytes && maps.Equal(groups[k][0].Fields, job.Fields) {
			groups[k] = append(groups[k], job)
			size += n
			continue
		}
		groups = append(groups, []fileJob{job})
		size, open = n, !single
	}
	return groups
}

// uploadGroup sends several jobs' files in one multipart POST, streamed,
// with their shared fields, and gives each file its own outcome from the
// answer's entries (each names its part). The error is the request's,
// when it got no answer from the API or the server is unavailable.
func (c *remote) uploadGroup(ctx context.Context, jobs []fileJob) ([]*fileOutcome, error) {
	outs := make([]*fileOutcome, len(jobs))
	var files []*os.File
	var sent []int // the jobs whose file is sent, by part
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	for i, job := range jobs {
		outs[i] = &fileOutcome{Path: job.Path, Outcome: "failed"}
		f, err := os.Open(job.Path)
		if err != nil {
			outs[i].Error = sayf(c.lang, "无法读取文件：%v", err)
			continue
		}
		files = append(files, f)
		sent = append(sent, i)
	}
	if len(files) == 0 {
		return outs, nil
	}
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		var err error
		for k, v := range jobs[0].Fields {
			if v != "" && err == nil {
				err = mw.WriteField(k, v)
			}
		}
		for i := 0; i < len(files) && err == nil; i++ {
			var part io.Writer
			if part, err = mw.CreateFormFile("file", filepath.Base(jobs[sent[i]].Path)); err == nil {
				_, err = io.Copy(part, files[i])
			}
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	fail := func(err error) ([]*fileOutcome, error) {
		for _, i := range sent {
			outs[i].Error, outs[i].busy = describeIn(err, c.lang), busyOf(err)
		}
		return outs, err
	}
	req, err := http.NewRequestWithContext(ctx, "POST", c.base+"/api/v1/documents", pr)
	if err != nil {
		return fail(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	var body groupAnswer
	err = c.do(req, &body, &body)
	if err != nil && len(body.Errors) == 0 {
		return fail(err)
	}
	return outs, c.readGroupAnswer(outs, jobs, sent, &body, err)
}

// groupAnswer is the API's answer to a request of several files.
type groupAnswer struct {
	Documents []struct {
		apiDocument
		Part       *int   `json:"part"`
		UploadedAs string `json:"uploaded_as"`
		Archive    string `json:"archive"`
	} `json:"documents"`
	Errors []struct {
		Part     *int   `json:"part"`
		Filename string `json:"filename"`
		Archive  string `json:"archive"`
		Error    struct {
			Code, Message string
			MessageEn     string `json:"message_en"`
		} `json:"error"`
	} `json:"errors"`
}

// readGroupAnswer gives each sent file (outs[sent[k]] for part k) its
// entry of body; err is the request's. A file refused for now (the store
// out of reach, EUNAVAILABLE, or throttled) is marked busy, to be sent
// again. It returns the store's error (EUNAVAILABLE), else nil.
func (c *remote) readGroupAnswer(outs []*fileOutcome, jobs []fileJob, sent []int, body *groupAnswer, err error) error {
	partOf := body.partFinder(jobs, sent)
	answered := make([]bool, len(sent))
	for _, d := range body.Documents {
		k := partOf(d.Part, d.UploadedAs)
		if k < 0 {
			continue
		}
		o := outs[sent[k]]
		o.ID, o.Status, o.Error, o.Duplicate, o.docFields = d.ID, d.Status, words(c.lang, d.Error, d.ErrorEn), d.Duplicate, d.docFields
		o.Outcome, o.answered, o.Repaired = "stored", true, d.RepairedOriginal
		o.uploadedBy, o.uploadedAt = d.UploadedBy, d.UploadedAt
		if d.Duplicate {
			o.Outcome, o.Task = "duplicate", jobs[sent[k]].Fields["assignment"]
		}
		answered[k] = true
	}
	for _, e := range body.Errors {
		k := partOf(e.Part, e.Filename)
		if k < 0 {
			continue
		}
		ferr := &catalog.Error{Code: e.Error.Code, Message: e.Error.Message, English: e.Error.MessageEn}
		outs[sent[k]].Error = describeIn(ferr, c.lang)
		outs[sent[k]].answered = true
		answered[k] = true
		if ferr.Code == catalog.EUNAVAILABLE || ferr.Code == catalog.ETHROTTLED {
			// Not recorded: sendWaiting sends it again, after the wait
			// the whole answer asked for, if it did.
			b := &busyAnswer{err: ferr}
			if whole := busyOf(err); whole != nil {
				b.after, b.asked, b.served, b.took = whole.after, whole.asked, whole.served, whole.took
			}
			outs[sent[k]].busy = b
		}
		if ferr.Code == catalog.EUNAVAILABLE && err == nil {
			err = ferr
		}
	}
	for k, ok := range answered {
		if !ok {
			outs[sent[k]].Error = sayf(c.lang, "服务器应答中没有这个文件的结果")
		}
	}
	if catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
		return nil // each file's outcome says what became of it
	}
	return err
}

// partFinder gives each entry of the answer the file part it is about
// (-1 for none): the part it names or, from a server that names none (of
// an earlier build, during a rolling upgrade), the first file sent under
// the entry's name not yet answered.
func (b *groupAnswer) partFinder(jobs []fileJob, sent []int) func(part *int, name string) int {
	named := false
	for _, d := range b.Documents {
		named = named || d.Part != nil
	}
	for _, e := range b.Errors {
		named = named || e.Part != nil
	}
	taken := make([]bool, len(sent))
	return func(part *int, name string) int {
		if named {
			if part == nil || *part < 0 || *part >= len(sent) {
				return -1
			}
			return *part
		}
		for k := range sent {
			if !taken[k] && filepath.Base(jobs[sent[k]].Path) == name {
				taken[k] = true
				return k
			}
		}
		return -1
	}
}

// wait polls a document until it is indexed or failed: at once (the
// documents sent before it are often done by the time it is asked for),
// then every pollEvery. A server that answers it cannot answer now (429,
// 503) is asked again after the wait it asks for, as uploads are
// (busyWaits), each wait said through note. It returns the error that
// ends an import: the server out of reach (EUNAVAILABLE) for waitGiveUp,
// or answering it is busy for retryGiveUp.
func (c *remote) wait(ctx context.Context, o *fileOutcome, note func(string)) error {
	var failingSince time.Time // of the answers out of reach in a row
	var waits busyWaits        // of the busy answers in a row
	for pause := time.Duration(0); o.pending(); {
		if pause > 0 && ctxtime.Sleep(ctx, pause) != nil {
			return nil
		}
		pause = pollEvery
		d, err := c.document(ctx, o.ID)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			if busy := busyOf(err); busy != nil {
				w, ok := waits.next(busy)
				if !ok {
					return c.gaveUp(waits, busy)
				}
				note(c.waitNote(w, busy))
				pause = w
				continue
			}
			if catalog.ErrorCode(err) == catalog.EUNAVAILABLE {
				// A proxy's blip passes; a server gone for waitGiveUp
				// ends the import.
				if failingSince.IsZero() {
					failingSince = time.Now()
				}
				if time.Since(failingSince) >= waitGiveUp {
					return err
				}
				pause = time.Second
				continue
			}
			// Stored, but whether it became searchable is unknown: say so.
			o.Outcome, o.Error = "failed", sayf(c.lang, "已上传，但无法获知处理结果：%s", describeIn(err, c.lang))
			return nil
		}
		failingSince, waits = time.Time{}, busyWaits{}
		o.Status, o.Error, o.docFields = d.Status, words(c.lang, d.Error, d.ErrorEn), d.docFields
	}
	if o.Status == "failed" {
		o.Outcome = "failed"
	}
	return nil
}

// document asks for one document's state, giving up after pollTimeout: a
// route that drops packets would otherwise hold the import for the
// system's connect timeout on every file.
func (c *remote) document(ctx context.Context, id string) (*apiDocument, error) {
	ctx, cancel := context.WithTimeout(ctx, pollTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, "GET", c.base+"/api/v1/documents/"+id, nil)
	if err != nil {
		return nil, err
	}
	var d apiDocument
	return &d, c.do(req, &d)
}

// pollTimeout bounds one question about a document's state.
const pollTimeout = 30 * time.Second

// waitGiveUp is how long the server may stay out of reach while files are
// waited for before the import stops (a variable for the tests).
var waitGiveUp = time.Minute

// do sends req with the token and decodes the JSON answer; an error
// answer becomes an error carrying the API's Chinese message, and is
// decoded into each of onError as well.
func (c *remote) do(req *http.Request, out any, onError ...any) error {
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	sent := time.Now()
	resp, err := c.client.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %v: %w", req.Method, req.URL.Path, err, catalog.Errorf(catalog.EUNAVAILABLE, "无法连接 %s，请检查地址和网络", c.base))
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 16<<20))
	if err != nil {
		return fmt.Errorf("read answer of %s: %w", req.URL.Path, catalog.Errorf(catalog.EUNAVAILABLE, "读取服务器应答失败（%v）", err))
	}
	if resp.StatusCode >= 300 {
		for _, v := range onError {
			// The answer's details besides its error (each file's, for
			// a request of several).
			json.Unmarshal(raw, v)
		}
		return answerError(resp, raw, sent)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("decode answer of %s: %w", req.URL.Path, catalog.Errorf(catalog.EINTERNAL, "服务器应答不是有效的 JSON"))
	}
	return nil
}

// answerError is the error of resp, an answer of the server that is no
// success, its body raw, to a request sent at sent: the API's own code
// and message in both languages, so that callers can tell a refused file
// from an unavailable server and a person reads it in their language; a
// busyAnswer when it says to come back later (answerBusy).
func answerError(resp *http.Response, raw []byte, sent time.Time) error {
	var e apiError
	if json.Unmarshal(raw, &e) == nil && e.Error.Message != "" {
		return answerBusy(resp, &catalog.Error{Code: e.Error.Code, Message: e.Error.Message, English: e.Error.MessageEn, Field: e.Error.Field}, sent)
	}
	return answerBusy(resp, catalog.Errorf(catalog.EUNAVAILABLE, "服务器应答 %s", resp.Status), sent)
}

// searchRequest is the request of a search of the parameters v: GET
// /api/v1/search with them in its address, or, for a query read as a
// pasted passage (search.LongQuery), POST /api/v1/search with them in a
// JSON body, as an address of some 18 KB is refused by proxies (414) and
// kept in their logs.
func (c *remote) searchRequest(ctx context.Context, v url.Values) (*http.Request, error) {
	var hr *http.Request
	var err error
	if !search.LongQuery(v.Get("q")) {
		hr, err = http.NewRequestWithContext(ctx, "GET", c.base+"/api/v1/search?"+v.Encode(), nil)
	} else {
		body := map[string]any{}
		for name, values := range v {
			switch name {
			case "city", "indicator", "doc_type", "year", "round":
				body[name] = values
			case "size":
				body[name], _ = strconv.Atoi(values[0])
			case "include_returned":
				body[name] = values[0] == "true"
			default:
				body[name] = values[0]
			}
		}
		b, merr := json.Marshal(body)
		if merr != nil {
			return nil, fmt.Errorf("encode search: %w", merr)
		}
		hr, err = http.NewRequestWithContext(ctx, "POST", c.base+"/api/v1/search", bytes.NewReader(b))
		if err == nil {
			hr.Header.Set("Content-Type", "application/json")
		}
	}
	if err != nil {
		return nil, catalog.Errorf(catalog.EINVALID, "服务器地址 %q 无效：%v", c.base, err)
	}
	return hr, nil
}

// search runs req through /api/v1/search (the server applies the
// token's user's scope).
func (c *remote) search(ctx context.Context, req search.Request) (*search.Result, error) {
	v := url.Values{}
	v.Set("q", req.Query)
	for name, values := range map[string][]string{"city": req.Cities, "indicator": req.Indicators, "doc_type": req.DocTypes} {
		if len(values) > 0 {
			v.Set(name, strings.Join(values, ","))
		}
	}
	for _, y := range req.Years {
		v.Add("year", strconv.Itoa(y))
	}
	for _, r := range req.Rounds {
		v.Add("round", strconv.Itoa(r))
	}
	if !req.IssuedFrom.IsZero() {
		v.Set("issued_from", req.IssuedFrom.Format("2006-01-02"))
	}
	if !req.IssuedTo.IsZero() {
		v.Set("issued_to", req.IssuedTo.Format("2006-01-02"))
	}
	if req.Sort != "" {
		v.Set("sort", string(req.Sort))
	}
	if req.Size > 0 {
		v.Set("size", strconv.Itoa(req.Size))
	}
	if req.Substring {
		v.Set("match", "substring")
	}
	if req.IncludeReturned {
		v.Set("include_returned", "true")
	}
	hr, err := c.searchRequest(ctx, v)
	if err != nil {
		return nil, err
	}
	var res search.Result
	if err := c.do(hr, &res); err != nil {
		return nil, err
	}
	return &res, nil
}
