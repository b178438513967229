package main

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/schollz/progressbar/v3"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/report"
)

// fileOutcome is what became of one file given to `evidence ingest`.
type fileOutcome struct {
	// Path is the file given, or for a file of an archive the server
	// unpacked, the archive's path and the file's name in it
	// (材料/汇总.zip/通知.txt), Archive naming the archive's path.
	Path      string `json:"path"`
	Archive   string `json:"archive,omitempty"`
	ID        string `json:"id,omitempty"`
	Outcome   string `json:"outcome"` // stored, duplicate, failed
	Status    string `json:"status,omitempty"`
	Error     string `json:"error,omitempty"`
	Duplicate bool   `json:"duplicate"`
	// JoinedPhotos is how many photos were joined into the document (--join).
	JoinedPhotos int `json:"joined_photos,omitempty"`
	// Repaired: a duplicate whose stored original was missing or damaged,
	// mended from the file sent.
	Repaired bool `json:"repaired_original,omitempty"`
	// Task: a duplicate sent with --task, the server's answer a success:
	// its document was handed in for this task all the same (the task
	// submitted, a returned mark taken away), which the line says.
	Task string `json:"task,omitempty"`
	docFields
	// answered: the server answered for this file (an entry of a request
	// of several files named it), so it is reported even when the
	// import stops after its request.
	answered bool
	// busy: the server answered it cannot take this file now (429, 503)
	// and did not record it; sendWaiting sends it again.
	busy *busyAnswer
	// uploadedBy and uploadedAt: who recorded its document, and when (by
	// the server's clock), to tell a file this import recorded from one
	// the archive held before (sendWaiting).
	uploadedBy string
	uploadedAt time.Time
	// members: an archive the server unpacked, whose files' outcomes
	// (expandArchives) stand for it; laterMember: a file of an archive
	// after its first, counted with it as one file given (jobsDone).
	members     []*fileOutcome
	laterMember bool
}

// docFields are a document's official-document fields as the archive
// holds them once read, and which of them were filled from the text
// (extracted_fields, as in the API).
type docFields struct {
	Title     string `json:"title,omitempty"`
	DocNumber string `json:"doc_number,omitempty"`
	// DocNumberRead is what the text has where DocNumber was inferred
	// from it (catalog.DocNumberGuessRead): a guess to check; "" for a
	// 文号 read as written or typed. A server's document JSON gives it
	// under the same name.
	DocNumberRead   string   `json:"doc_number_read,omitempty"`
	Issuer          string   `json:"issuer,omitempty"`
	IssuedOn        string   `json:"issued_on,omitempty"`
	Round           string   `json:"round,omitempty"`
	ExtractedFields []string `json:"extracted_fields,omitempty"`
}

func fieldsOf(d *catalog.Document) docFields {
	return docFields{Title: d.Title, DocNumber: d.DocNumber, DocNumberRead: catalog.DocNumberGuessRead(d), Issuer: d.Issuer,
		IssuedOn: d.IssuedOn, Round: d.Round, ExtractedFields: d.ExtractedFields}
}

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fset, data := newFlags("ingest", stderr)
	city := fset.String("city", "", "城市`代码`，如 330100（杭州）")
	docType := fset.String("type", "", "文档`类型`：policy（政策文件）、work_summary（工作总结）、meeting_notice（会议通知）、press_report（新闻报道）、honor（荣誉表彰）、case（典型案例）、statistics（统计数据）或 other（其他）")
	dept := fset.String("department", "", "提交材料的`责任单位`")
	round := fset.String("round", "", "监测`轮次`（年份）")
	issuedOn := fset.String("issued-on", "", "成文`日期`：2018-03-20、2018年3月20日、2018.3.20 或 2018/3/20")
	user := fset.String("user", defaultCLIUser(), "记为上传者的`账号`")
	indicators := fset.String("indicator", "", "文件所佐证的关键指标`编号`，多个用逗号隔开")
	manifest := fset.String("manifest", "", "列出文件及各自的标题、类型、日期、文号、指标……的 CSV `清单`（列：file、title、city、doc_type、issued_on、doc_number、issuer、department、round、indicators）")
	asJSON := fset.Bool("json", false, "以 JSON 输出每个文件的结果")
	server := fset.String("server", os.Getenv("EVIDENCE_SERVER"), "通过运行中的档案系统（此`网址`）上传，而不打开数据文件夹（或 $EVIDENCE_SERVER）")
	token := fset.String("token", os.Getenv("EVIDENCE_TOKEN"), "API `令牌`，用于 --server（或 $EVIDENCE_TOKEN）")
	perRequest := fset.Int("per-request", groupFiles, "每次请求发送到 --server 的文件数，与网页上传文件夹时相同（1：每个文件一次请求）")
	task := fset.String("task", "", "与 --server 同用：把文件作为此`任务`（编号见任务列表）的材料提交：文件关联到任务的指标，任务标为已提交，文档类型为指标要求的类型（--type 另有指定的除外）；部门联系人的令牌只能这样上传")
	join := fset.Bool("join", false, "把给出的照片（JPEG、PNG、HEIC、WebP）按给出的顺序合并为一份 PDF 文档，每张一页")
	if err := parseFlags(fset, reorderFlags(args)); err != nil {
		return flagsError(err)
	}
	lang, err := langOf(fset)
	if err != nil {
		return err
	}
	if *task != "" && *server == "" {
		return catalog.Errorf(catalog.EINVALID, "--task 只能与 --server 一起使用：任务的提交经由运行中的档案系统记录；请加上 --server 地址和 --token 令牌")
	}
	defaults := map[string]string{"city": *city, "doc_type": *docType, "department": *dept, "round": *round,
		"issued_on": *issuedOn, "indicators": *indicators, "assignment": strings.TrimSpace(*task)}
	var jobs []fileJob
	var skipped skippedEntries
	if *join {
		jobs, skipped, err = joinJob(fset.Args(), *manifest, defaults)
	} else {
		jobs, skipped, err = ingestJobs(fset.Args(), *manifest, defaults)
	}
	if err != nil {
		return err
	}
	if len(skipped.links) > 0 {
		sayln(stderr, lang, "跳过 %d 个指向文件夹或已失效的符号链接：%s", len(skipped.links), strings.Join(skipped.links, words(lang, "、", ", ")))
	}
	if *server != "" {
		if *manifest == "" && *docType == "" && strings.TrimSpace(*task) == "" {
			// The server would refuse each file after its upload; say
			// it once, with --task, which a department contributor's
			// account needs anyway and which gives the type.
			return usageError{missingDocType(strings.TrimRight(*server, "/"))}
		}
		if *perRequest < 1 || *perRequest > groupFiles*4 {
			return catalog.Errorf(catalog.EINVALID, "--per-request 应在 1 到 %d 之间，收到 %d", groupFiles*4, *perRequest)
		}
		c := &remote{base: strings.TrimRight(*server, "/"), token: *token, client: &http.Client{}, lang: lang, perRequest: *perRequest,
			sameFields: *manifest == ""}
		if err := c.check(ctx, func(line string) { fmt.Fprintln(stderr, line) }); err != nil {
			if ctx.Err() != nil {
				return stoppedIngest(stdout, stderr, lang, nil, len(jobs), *asJSON, errInterrupted)
			}
			return err
		}
		if c.role == string(catalog.RoleExpert) || c.role == string(catalog.RoleReviewer) {
			// The server would refuse each file; a task check would let
			// the account through, as it may read every task.
			return usageError{catalog.Errorf(catalog.EINVALID, "账号 %s 是专家或审核人，只能查阅，不能上传材料：请用协调员或部门联系人的账号（--token）", c.me)}
		}
		if c.role == string(catalog.RoleContributor) && strings.TrimSpace(*task) == "" {
			// The server would refuse each file; say once what to do.
			return usageError{catalog.Errorf(catalog.EINVALID, "部门联系人的账号只能为责任分解任务提交材料：请用 --task 指定任务（任务编号见 evidence assignments list --server %s）", c.base)}
		}
		if id := strings.TrimSpace(*task); id != "" {
			// A task the token may not hand in for would fail every file.
			if err := c.checkTask(ctx, id, func(line string) { fmt.Fprintln(stderr, line) }); err != nil {
				if ctx.Err() != nil {
					return stoppedIngest(stdout, stderr, lang, nil, len(jobs), *asJSON, errInterrupted)
				}
				return err
			}
		}
		outcomes, stopped := c.ingest(ctx, jobs, stderr)
		if refused, ok := stopped.(fieldsRefused); ok {
			return refused.error
		}
		if stopped != nil {
			return stoppedIngest(stdout, stderr, lang, outcomes, len(jobs), *asJSON, serverStopped{c.base, stopped})
		}
		return reportIngest(stdout, lang, outcomes, skipped.hidden, *asJSON)
	}
	return ingestLocally(ctx, *data, jobs, skipped.hidden, *manifest == "", &catalog.User{Username: *user, Role: catalog.RoleAdmin},
		lang, stdout, stderr, *asJSON)
}

// ingestJobs lists the files to import: from the manifest, or the files
// and folders given, all with the flags' fields. skipped is what the
// folders held that is not imported (see collectFiles).
func ingestJobs(args []string, manifest string, defaults map[string]string) (jobs []fileJob, skipped skippedEntries, err error) {
	if manifest != "" {
		if len(args) > 0 {
			return nil, skipped, catalog.Errorf(catalog.EINVALID, "使用 --manifest 时文件由清单列出，不要再给出文件或文件夹")
		}
		jobs, err := readManifest(manifest, defaults)
		return jobs, skipped, err
	}
	if len(args) == 0 {
		return nil, skipped, catalog.Errorf(catalog.EINVALID, "请给出要导入的文件或文件夹：evidence ingest FILE|DIR… --city 330100 --type policy（或 --manifest 清单.csv）")
	}
	files, skipped, err := collectFiles(args)
	if err != nil {
		return nil, skipped, err
	}
	if len(files) == 0 {
		return nil, skipped, catalog.Errorf(catalog.EINVALID, "没有找到文件")
	}
	jobs = make([]fileJob, len(files))
	for i, f := range files {
		jobs[i] = fileJob{Path: f, Fields: defaults}
	}
	return jobs, skipped, nil
}

// joinJob is the one job of --join: the files given, in the order given
// (a folder's files by name), to be joined into one document.
func joinJob(args []string, manifest string, defaults map[string]string) (jobs []fileJob, skipped skippedEntries, err error) {
	if manifest != "" {
		return nil, skipped, catalog.Errorf(catalog.EINVALID, "--join 合并命令行给出的照片，不能与 --manifest 同用")
	}
	var photos []string
	for _, arg := range args {
		files, skip, err := collectFiles([]string{arg})
		if err != nil {
			return nil, skipped, err
		}
		photos, skipped = append(photos, files...), skipped.add(skip)
	}
	if len(photos) < 2 {
		return nil, skipped, catalog.Errorf(catalog.EINVALID, "--join 需要至少两张照片（同一份纸质文件的各页），这次给出了 %d 个文件", len(photos))
	}
	return []fileJob{{Path: photos[0], Fields: defaults, Photos: photos}}, skipped, nil
}

// jobRequest is the upload request of one job's fields.
func jobRequest(f map[string]string) ingest.UploadRequest {
	return ingest.UploadRequest{Meta: ingest.Meta{Title: f["title"], City: f["city"], DocType: f["doc_type"],
		Department: f["department"], Issuer: f["issuer"], IssuedOn: f["issued_on"], DocNumber: f["doc_number"],
		Round: f["round"]}, Indicators: catalog.SplitList(f["indicators"])}
}

// ingestLocally imports into the data folder with the archive's own
// pipeline, through the same upload rules as the API. With the same fields
// for every file (no manifest), bad fields stop the import before anything
// is stored; with a manifest, so does any row with bad fields, and the
// refusal lists them all by line. A file refused for what it holds fails
// only itself.
func ingestLocally(ctx context.Context, dataDir string, jobs []fileJob, hidden []string, sameFields bool, u *catalog.User,
	lang report.Lang, stdout, stderr io.Writer, asJSON bool) error {
	watch, err := newStoreWatch()
	if err != nil {
		return err
	}
	opts := appOptions{withIndex: true, ingest: watch.config(ingest.Config{})}
	if sameFields && len(jobs) > 0 {
		// Fields no file can pass are refused before the index is opened,
		// which makes one in an archive that has none.
		opts.beforeIndex = func(ctx context.Context, a *app) error {
			req := jobRequest(jobs[0].Fields)
			req.JoinPhotos = len(jobs[0].Photos) > 0
			return ingest.New(a.cat, a.blobs, nil, ingest.Config{}).CheckRequest(ctx, u, req)
		}
	}
	if !sameFields && len(jobs) > 0 {
		// Every manifest row's fields, checked before the index is
		// opened: a bad row used to fail only when its turn came, after
		// the index was opened (made, in an archive without one) and
		// the rows before it stored.
		opts.beforeIndex = func(ctx context.Context, a *app) error {
			checker := ingest.New(a.cat, a.blobs, nil, ingest.Config{})
			return checkManifestRows(jobs, func(job fileJob) error {
				return checker.CheckRequest(ctx, u, jobRequest(job.Fields))
			})
		}
	}
	a, err := openApp(ctx, dataDir, storeWaitLogger(stderr), opts)
	if err != nil {
		if ctx.Err() != nil {
			return stoppedIngest(stdout, stderr, lang, nil, len(jobs), asJSON, errInterrupted)
		}
		return err
	}
	defer a.close()
	if err := a.ingest.Start(ctx); err != nil {
		if ctx.Err() != nil {
			return stoppedIngest(stdout, stderr, lang, nil, len(jobs), asJSON, errInterrupted)
		}
		return err
	}
	bar := progressbar.NewOptions(len(jobs), progressbar.OptionSetWriter(barWriter(stderr)), progressbar.OptionSetDescription(words(lang, "导入", "Importing")),
		progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
	outcomes := make([]*fileOutcome, len(jobs))
	byID := map[string][]*fileOutcome{}
	var ids []string
	for i, job := range jobs {
		if ctx.Err() != nil {
			return stoppedIngest(stdout, stderr, lang, outcomes[:i], len(jobs), asJSON, errInterrupted)
		}
		o, err := uploadFile(ctx, a.ingest, job, u, lang)
		if ctx.Err() != nil {
			// Whatever this file's request said, it was cut off.
			return stoppedIngest(stdout, stderr, lang, outcomes[:i], len(jobs), asJSON, errInterrupted)
		}
		if err != nil && sameFields {
			// The fields are the same for every file: none can pass.
			return err
		}
		outcomes[i] = o
		if o.ID == "" {
			bar.Add(1)
			continue
		}
		if byID[o.ID] == nil {
			ids = append(ids, o.ID)
		}
		byID[o.ID] = append(byID[o.ID], o)
	}
	stop := showOCRProgress(a.ingest, bar, byID, lang)
	defer stop()
	// A store or catalog that stays down ends the wait (storeWatch): what
	// is stored is left for evidence serve.
	err = watch.wait(ctx, func(ctx context.Context) error {
		_, err := a.ingest.Wait(ctx, ids, func(d *catalog.Document) {
			for _, o := range byID[d.ID] {
				o.Status, o.Error, o.docFields = string(d.Status), documentError(d, lang), fieldsOf(d)
				if d.Status == catalog.StatusFailed {
					o.Outcome = "failed"
				}
				bar.Add(1)
			}
		})
		return err
	})
	if err != nil {
		if ctx.Err() != nil {
			return stoppedIngest(stdout, stderr, lang, outcomes, len(jobs), asJSON, errInterrupted)
		}
		if !watch.endedWait() {
			return err
		}
		stop()
		bar.Clear()
		return storeGaveUpIngest(stdout, lang, outcomes, asJSON, err)
	}
	bar.Finish()
	return reportIngest(stdout, lang, outcomes, hidden, asJSON)
}

// errInterrupted is an import stopped by Ctrl-C (or SIGTERM).
var errInterrupted = errors.New("interrupted")

// stoppedIngest reports an import that stopped before its last file: by
// Ctrl-C (errInterrupted), or because the server could not be reached.
// What was done is counted and its failures listed as usual; what was not
// is said in one line, not as a failure of each file, with what to do:
// running the same command again stores the rest (the files already
// stored come back as duplicates). The exit status is 130 for Ctrl-C, 1
// otherwise.
func stoppedIngest(stdout, stderr io.Writer, lang report.Lang, outcomes []*fileOutcome, total int, asJSON bool, why error) error {
	done := slices.DeleteFunc(slices.Clone(outcomes), func(o *fileOutcome) bool { return o == nil })
	counts := map[string]int{}
	for _, o := range done {
		counts[o.Outcome]++
	}
	left := total - jobsDone(done)
	interrupted := errors.Is(why, errInterrupted)
	if asJSON {
		reason := "interrupted"
		if !interrupted {
			reason = describeIn(why, lang)
		}
		json.NewEncoder(stdout).Encode(map[string]any{"files": done, "stored": counts["stored"], "duplicate": counts["duplicate"],
			"failed": counts["failed"], "not_imported": left, "stopped": reason})
	} else {
		printOutcomeLines(stdout, lang, done)
	}
	so := sayf(lang, "新增 %d，重复 %d，失败 %d，未导入 %d（共 %d 个文件）", counts["stored"], counts["duplicate"], counts["failed"], left, total)
	fmt.Fprintln(stderr)
	if interrupted {
		sayln(stderr, lang, "已中断：%s；已保存的文件会在下次启动时继续处理，重新运行同一命令即可导入其余文件（已导入的会显示为重复）", so)
		return exitError{130}
	}
	if ss, ok := why.(serverStopped); ok {
		// Several nodes may serve the archive: the one that failed is
		// named, and any other takes the rest.
		sayln(stderr, lang, "已停止：服务器 %s：%s。%s；待该服务器恢复后重新运行同一命令，或用 --server 指向同一档案库的另一节点重新运行（已上传的会显示为重复）",
			ss.server, describeIn(ss.err, lang), so)
		return exitError{1}
	}
	sayln(stderr, lang, "已停止：%s。%s；服务器恢复后重新运行同一命令即可（已上传的会显示为重复）", describeIn(why, lang), so)
	return exitError{1}
}

// serverStopped is why an import through a server stopped: err, from
// the server at server.
type serverStopped struct {
	server string
	err    error
}

func (s serverStopped) Error() string { return s.server + ": " + s.err.Error() }
func (s serverStopped) Unwrap() error { return s.err }

// showOCRProgress names, in the progress bar, the file being read by OCR
// and its pages done, until stop is called; stop returns once the bar is
// no longer drawn, so a summary printed after it starts a line of its own,
// and may be called more than once.
func showOCRProgress(svc *ingest.Service, bar *progressbar.ProgressBar, byID map[string][]*fileOutcome, lang report.Lang) (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
			}
			desc := words(lang, "导入", "Importing")
			for id, outs := range byID {
				if n, total, ok := svc.Progress(id); ok && total > 0 {
					desc = sayf(lang, "导入 · 正在识别文字 %s 第 %d/%d 页", filepath.Base(outs[0].Path), n, total)
					break
				}
			}
			bar.Describe(desc)
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done); <-finished }) }
}

// uploadFile uploads one job's file; the error is the request's (bad
// fields), after which the outcome says "failed" with the reason.
func uploadFile(ctx context.Context, svc *ingest.Service, job fileJob, u *catalog.User, lang report.Lang) (*fileOutcome, error) {
	o := &fileOutcome{Path: job.Path, Outcome: "failed"}
	paths := job.Photos
	if len(paths) == 0 {
		paths = []string{job.Path}
	}
	var staged []*ingest.Staged
	defer func() {
		for _, st := range staged {
			st.Remove()
		}
	}()
	for _, p := range paths {
		st, err := stageFile(svc, p)
		if err != nil && len(job.Photos) > 0 {
			// Photos to be joined are refused whole, as by the API, and
			// said as a failed outcome (--json too), as --server says it.
			o.Error = describeIn(ingest.JoinRefused(filepath.Base(p), err), lang)
			return o, nil
		}
		if err != nil {
			o.Error = describeIn(err, lang)
			return o, nil
		}
		staged = append(staged, st)
	}
	req := jobRequest(job.Fields)
	req.Files = staged
	req.JoinPhotos = len(job.Photos) > 0
	res, err := svc.Upload(ctx, u, req)
	if err != nil {
		o.Error = describeIn(err, lang)
		return o, err
	}
	out := res[0]
	if out.Err != nil {
		o.Error = describeIn(out.Err, lang)
		return o, nil
	}
	o.ID, o.Status, o.Error, o.Duplicate = out.Document.ID, string(out.Document.Status), documentError(out.Document, lang), out.Duplicate
	o.JoinedPhotos, o.Repaired = out.JoinedPhotos, out.RepairedOriginal
	o.Outcome = "stored"
	if out.Duplicate {
		o.Outcome = "duplicate"
	}
	if out.Document.Status == catalog.StatusFailed {
		o.Outcome = "failed"
	}
	return o, nil
}

// stageFile stages the file at path under its base name.
func stageFile(svc *ingest.Service, path string) (*ingest.Staged, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, catalog.Errorf(catalog.EINVALID, "无法读取文件：%v", err)
	}
	defer f.Close()
	return svc.Stage(f, filepath.Base(path))
}

// printOutcomeLines lists the files a person has to hear about: each that
// failed, with the reason, and each the archive already held, with the
// document that holds its bytes (else "重复 2" leaves them to guess which);
// and each new file of an archive, which the command line did not name.
func printOutcomeLines(w io.Writer, lang report.Lang, outcomes []*fileOutcome) {
	for _, o := range outcomes {
		switch o.Outcome {
		case "stored":
			if o.Archive != "" {
				sayln(w, lang, "  新增  %s", o.Path)
			}
		case "failed":
			sayln(w, lang, "  失败  %s\uFF1A%s", o.Path, o.Error)
		case "duplicate":
			if o.Repaired {
				sayln(w, lang, "  修复  %s\uFF1A已用上传的文件修复损坏的原件《%s》（%s）", o.Path, o.Title, o.ID)
				continue
			}
			if o.Task != "" {
				sayln(w, lang, "  已提交到任务  %s\uFF1A档案中已有相同文件的文档“%s”（%s），未再保存，已将该文档作为任务 %s 的材料提交", o.Path, o.Title, o.ID, o.Task)
				continue
			}
			if o.Title != "" {
				sayln(w, lang, "  重复  %s\uFF1A档案中已有相同文件的文档“%s”（%s）\uFF0C未再保存", o.Path, o.Title, o.ID)
			} else {
				sayln(w, lang, "  重复  %s\uFF1A档案中已有相同文件的文档（%s）\uFF0C未再保存", o.Path, o.ID)
			}
		}
	}
}

// reportIngest says what became of each file, and the hidden files and
// folders passed over (printHiddenSkipped; with --json, hidden_skipped).
func reportIngest(stdout io.Writer, lang report.Lang, outcomes []*fileOutcome, hidden []string, asJSON bool) error {
	counts := map[string]int{}
	for _, o := range outcomes {
		counts[o.Outcome]++
	}
	if asJSON {
		summary := map[string]any{"files": outcomes, "stored": counts["stored"],
			"duplicate": counts["duplicate"], "failed": counts["failed"]}
		if len(hidden) > 0 {
			summary["hidden_skipped"] = hidden
		}
		if err := json.NewEncoder(stdout).Encode(summary); err != nil {
			return err
		}
	} else {
		sayln(stdout, lang, "导入完成：新增 %d，重复 %d，失败 %d（共 %d 个文件）",
			counts["stored"], counts["duplicate"], counts["failed"], len(outcomes))
		printHiddenSkipped(stdout, lang, hidden)
		printOutcomeLines(stdout, lang, outcomes)
	}
	if counts["failed"] > 0 {
		return exitError{1}
	}
	return nil
}

// skippedEntries are what the folders given held that is not imported,
// to be said, not dropped in silence.
type skippedEntries struct {
	// links are symbolic links to a folder (a link back up would never
	// end) or to nothing.
	links []string
	// hidden are hidden files and folders (a name starting with '.') and
	// the files an operating system leaves in folders (Thumbs.db,
	// desktop.ini): a folder counts once, its contents unread.
	hidden []string
}

// add is s with more's entries after its own.
func (s skippedEntries) add(more skippedEntries) skippedEntries {
	return skippedEntries{links: append(s.links, more.links...), hidden: append(s.hidden, more.hidden...)}
}

// osJunk are the files Windows leaves in folders, named in any case.
var osJunk = []string{"thumbs.db", "desktop.ini"}

// isHidden says whether a folder's entry named name is no material: a
// hidden file or folder (.git, .DS_Store, macOS's ._ copies) or a file
// of the operating system's own.
func isHidden(name string) bool {
	return strings.HasPrefix(name, ".") || slices.Contains(osJunk, strings.ToLower(name))
}

// collectFiles expands folders recursively (skipping hidden entries,
// isHidden) into a sorted list of files. A symbolic link in a folder to a
// file is that file; one to a folder is not followed and one that leads
// nowhere cannot be read. What was skipped is returned, to be said.
func collectFiles(args []string) (files []string, skipped skippedEntries, err error) {
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil {
			return nil, skippedEntries{}, catalog.Errorf(catalog.EINVALID, "找不到 %s", arg)
		}
		if !info.IsDir() {
			files = append(files, arg)
			continue
		}
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != arg && isHidden(d.Name()) {
				skipped.hidden = append(skipped.hidden, p)
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			switch {
			case d.Type().IsRegular():
				files = append(files, p)
			case d.Type()&fs.ModeSymlink != 0:
				if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
					files = append(files, p)
				} else {
					skipped.links = append(skipped.links, p)
				}
			}
			return nil
		})
		if err != nil {
			return nil, skippedEntries{}, fmt.Errorf("list %s: %w", arg, err)
		}
	}
	// By name as a person reads it (and as the upload page orders photos
	// to join): IMG_2 before IMG_10.
	slices.SortFunc(files, naturalCompare)
	return files, skipped, nil
}

// maxHiddenNamed is how many hidden entries the summary names.
const maxHiddenNamed = 10

// printHiddenSkipped says, after an import's summary, how many hidden
// files and folders it passed over and names the first of them.
func printHiddenSkipped(w io.Writer, lang report.Lang, hidden []string) {
	if len(hidden) == 0 {
		return
	}
	named := catalog.Words{Chinese: strings.Join(hidden[:min(len(hidden), maxHiddenNamed)], "\u3001"),
		English: strings.Join(hidden[:min(len(hidden), maxHiddenNamed)], ", ")}
	if n := len(hidden) - maxHiddenNamed; n > 0 {
		named.Chinese += " 等"
		named.English += fmt.Sprintf(" and %d more", n)
	}
	sayln(w, lang, "跳过 %d 个隐藏文件或文件夹\uFF1A%s", len(hidden), named)
}

// naturalCompare orders names with their runs of digits compared as
// numbers: page2.jpg before page10.jpg.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Or(cmp.Compare(len(na), len(nb)), strings.Compare(na, nb)); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		ra, sa := utf8.DecodeRuneInString(a)
		rb, sb := utf8.DecodeRuneInString(b)
		if ra != rb {
			return cmp.Compare(ra, rb)
		}
		a, b = a[sa:], b[sb:]
	}
	return cmp.Compare(len(a), len(b))
}

// digitRun is the length of the ASCII digits s starts with.
func digitRun(s string) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// reorderFlags moves flags before positional arguments, so that
// `evidence ingest DIR --city 310000` works as people type it, and puts
// "--" between them, so that a positional argument beginning with a dash
// (a file named -a.txt after "--", a search's excluded word -征求意见稿)
// is not taken for a flag. Only a dash followed by an ASCII letter is a
// flag: every flag's name is one.
func reorderFlags(args []string) []string {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			positional = append(positional, args[i+1:]...)
			i = len(args)
		case isFlag(a):
			flags = append(flags, a)
			if !strings.Contains(a, "=") && !isBoolFlag(a) && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			positional = append(positional, a)
		}
	}
	if len(positional) == 0 {
		return flags
	}
	return append(append(flags, "--"), positional...)
}

// isFlag reports an argument written as a flag: -name or --name, the name
// beginning with an ASCII letter.
func isFlag(a string) bool {
	name := strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
	return len(name) < len(a) && name != "" && ('a' <= name[0] && name[0] <= 'z' || 'A' <= name[0] && name[0] <= 'Z')
}

func isBoolFlag(a string) bool {
	name := strings.TrimLeft(a, "-")
	return name == "json" || name == "h" || name == "help" || name == "current" || name == "join" || name == "substring" ||
		name == "include-returned" || name == "codes"
}

// cliAdmin is the actor of the command line: whoever can open the data
// folder administers the archive.
func cliAdmin() *catalog.User {
	return &catalog.User{Username: defaultCLIUser(), Role: catalog.RoleAdmin}
}

func defaultCLIUser() string {
	if u := os.Getenv("USER"); u != "" {
		return "cli:" + u
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return "cli:" + u.Username
	}
	return "cli"
}

// missingDocType says that --type is missing and lists every type's code
// with its name, so that a folder's import is given the right one; and,
// in the same message, that --task for the server at server gives the
// type instead, and is what a department contributor's account needs.
func missingDocType(server string) error {
	var zh, en []string
	for _, t := range catalog.DocTypes {
		zh = append(zh, string(t)+" "+catalog.DocTypeLabels[t])
		en = append(en, string(t)+" ("+catalog.DocTypeLabelsEN[t]+")")
	}
	return &catalog.Error{Code: catalog.EINVALID,
		Message: "缺少文件类型 --type，可选：" + strings.Join(zh, "、") + "（一次导入一种类型；各文件类型不同时，可用 --manifest 清单逐个指定）。" +
			"为责任分解任务提交时，用 --task 指定任务即可不写 --type：类型取该任务指标的信息性质说明所要求的类型，与“我的任务”预选的相同；" +
			"部门联系人的账号只能这样提交，任务编号见 evidence assignments list --server " + server,
		English: "The document type --type is missing; one of: " + strings.Join(en, ", ") + " (one type per import; for files of different types, give each its own in a --manifest). " +
			"Handing files in for a task, name it with --task and leave --type out: the type is the one the task's indicator asks for, as My tasks preselects it; " +
			"a department contributor's account hands files in only this way, the task ids as evidence assignments list --server " + server + " shows them"}
}
