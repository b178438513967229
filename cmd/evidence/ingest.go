package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/schollz/progressbar/v3"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// fileOutcome is what became of one file given to `evidence ingest`.
type fileOutcome struct {
	Path      string `json:"path"`
	ID        string `json:"id,omitempty"`
	Outcome   string `json:"outcome"` // stored, duplicate, failed
	Status    string `json:"status,omitempty"`
	Error     string `json:"error,omitempty"`
	Duplicate bool   `json:"duplicate"`
}

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fset, data := newFlags("ingest", stderr)
	city := fset.String("city", "", "city code, e.g. 330100 (杭州)")
	docType := fset.String("type", "", "document type: policy, work_summary, meeting_notice, press_report, honor, case, statistics, other")
	dept := fset.String("department", "", "submitting department")
	round := fset.String("round", "", "monitoring round (year)")
	issuedOn := fset.String("issued-on", "", "date of issue YYYY-MM-DD")
	user := fset.String("user", defaultCLIUser(), "who is recorded as the uploader")
	indicators := fset.String("indicator", "", "key indicator codes the files substantiate, comma-separated")
	asJSON := fset.Bool("json", false, "print the outcome of every file as JSON")
	server := fset.String("server", os.Getenv("EVIDENCE_SERVER"), "upload through a running archive at this URL instead of opening the data folder (or $EVIDENCE_SERVER)")
	token := fset.String("token", os.Getenv("EVIDENCE_TOKEN"), "API token for --server (or $EVIDENCE_TOKEN)")
	if err := fset.Parse(reorderFlags(args)); err != nil {
		return err
	}
	if fset.NArg() == 0 {
		return catalog.Errorf(catalog.EINVALID, "请给出要导入的文件或文件夹:evidence ingest FILE|DIR… --city 330100 --type policy")
	}
	files, err := collectFiles(fset.Args())
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return catalog.Errorf(catalog.EINVALID, "没有找到文件")
	}
	if *server != "" {
		c := &remote{base: strings.TrimRight(*server, "/"), token: *token, client: &http.Client{}}
		if err := c.check(ctx); err != nil {
			return err
		}
		fields := map[string]string{"city": *city, "doc_type": *docType, "department": *dept, "round": *round,
			"issued_on": *issuedOn, "indicators": *indicators}
		return reportIngest(stdout, c.ingest(ctx, files, fields, stderr), *asJSON)
	}

	var (
		mu      sync.Mutex
		waiting = map[string][]*fileOutcome{}
		done    = make(chan struct{}, len(files))
	)
	onDone := func(d *catalog.Document) {
		mu.Lock()
		defer mu.Unlock()
		for _, o := range waiting[d.ID] {
			o.Status, o.Error = string(d.Status), d.Error
			if d.Status == catalog.StatusFailed {
				o.Outcome = "failed"
			}
			done <- struct{}{}
		}
		delete(waiting, d.ID)
	}
	a, err := openApp(ctx, *data, quietLogger(stderr), appOptions{withIndex: true, ingest: ingest.Config{OnDone: onDone}})
	if err != nil {
		return err
	}
	defer a.close()
	meta := ingest.Meta{City: *city, DocType: *docType, Department: *dept, Round: *round, IssuedOn: *issuedOn}
	if err := a.ingest.CheckMeta(ctx, &meta); err != nil {
		return err
	}
	codes, err := a.ingest.CheckIndicators(ctx, splitList(*indicators))
	if err != nil {
		return err
	}
	if err := a.ingest.Start(ctx); err != nil {
		return err
	}
	bar := progressbar.NewOptions(len(files), progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("导入"),
		progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
	u := &catalog.User{Username: *user, Role: catalog.RoleAdmin}
	outcomes := make([]*fileOutcome, len(files))
	pending := 0
	for i, path := range files {
		// Held across Submit so that a document finishing at once is not
		// reported before it is registered as waiting.
		mu.Lock()
		o := submitFile(ctx, a.ingest, path, meta, codes, u)
		outcomes[i] = o
		if o.Outcome != "failed" && o.Status != string(catalog.StatusIndexed) && o.Status != string(catalog.StatusFailed) {
			waiting[o.ID] = append(waiting[o.ID], o)
			pending++
		} else {
			bar.Add(1)
		}
		mu.Unlock()
	}
	for ; pending > 0; pending-- {
		select {
		case <-done:
			bar.Add(1)
		case <-ctx.Done():
			fmt.Fprintln(stderr, "\n已中断:已保存的文件会在下次启动时继续处理。")
			return ctx.Err()
		}
	}
	bar.Finish()
	return reportIngest(stdout, outcomes, *asJSON)
}

func submitFile(ctx context.Context, svc *ingest.Service, path string, meta ingest.Meta, codes []string, u *catalog.User) *fileOutcome {
	o := &fileOutcome{Path: path}
	f, err := os.Open(path)
	if err != nil {
		o.Outcome, o.Error = "failed", "无法读取文件:"+err.Error()
		return o
	}
	defer f.Close()
	st, err := svc.Stage(f, filepath.Base(path))
	if err != nil {
		o.Outcome, o.Error = "failed", describe(err)
		return o
	}
	defer st.Remove()
	out, err := svc.Submit(ctx, st, meta, u)
	if err == nil {
		err = svc.Link(ctx, out.Document.ID, codes, u)
	}
	if err != nil {
		o.Outcome, o.Error = "failed", describe(err)
		return o
	}
	o.ID, o.Status, o.Error, o.Duplicate = out.Document.ID, string(out.Document.Status), out.Document.Error, out.Duplicate
	o.Outcome = "stored"
	if out.Duplicate {
		o.Outcome = "duplicate"
	}
	if out.Document.Status == catalog.StatusFailed {
		o.Outcome = "failed"
	}
	return o
}

func reportIngest(stdout io.Writer, outcomes []*fileOutcome, asJSON bool) error {
	counts := map[string]int{}
	for _, o := range outcomes {
		counts[o.Outcome]++
	}
	if asJSON {
		if err := json.NewEncoder(stdout).Encode(map[string]any{"files": outcomes, "stored": counts["stored"],
			"duplicate": counts["duplicate"], "failed": counts["failed"]}); err != nil {
			return err
		}
	} else {
		fmt.Fprintf(stdout, "导入完成:新增 %d,重复 %d,失败 %d(共 %d 个文件)\n",
			counts["stored"], counts["duplicate"], counts["failed"], len(outcomes))
		for _, o := range outcomes {
			if o.Outcome == "failed" {
				fmt.Fprintf(stdout, "  失败  %s:%s\n", o.Path, o.Error)
			}
		}
	}
	if counts["failed"] > 0 {
		return exitError{1}
	}
	return nil
}

// collectFiles expands folders recursively (skipping hidden entries) into
// a sorted list of regular files.
func collectFiles(args []string) ([]string, error) {
	var files []string
	for _, arg := range args {
		info, err := os.Stat(arg)
		if err != nil {
			return nil, catalog.Errorf(catalog.EINVALID, "找不到 %s", arg)
		}
		if !info.IsDir() {
			files = append(files, arg)
			continue
		}
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != arg && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("list %s: %w", arg, err)
		}
	}
	sort.Strings(files)
	return files, nil
}

// reorderFlags moves flags before positional arguments, so that
// `evidence ingest DIR --city 310000` works as people type it.
func reorderFlags(args []string) []string {
	var flags, positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			positional = append(positional, args[i+1:]...)
			i = len(args)
		case strings.HasPrefix(a, "-") && len(a) > 1:
			flags = append(flags, a)
			if !strings.Contains(a, "=") && !isBoolFlag(a) && i+1 < len(args) {
				flags = append(flags, args[i+1])
				i++
			}
		default:
			positional = append(positional, a)
		}
	}
	return append(flags, positional...)
}

func isBoolFlag(a string) bool {
	name := strings.TrimLeft(a, "-")
	return name == "json" || name == "h" || name == "help" || name == "current"
}

func defaultCLIUser() string {
	if u := os.Getenv("USER"); u != "" {
		return "cli:" + u
	}
	return "cli"
}
