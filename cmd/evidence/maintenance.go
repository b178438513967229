package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/report"
)

// documentError is why d failed, in lang: its English when it has one.
func documentError(d *catalog.Document, lang report.Lang) string {
	return words(lang, d.Error, d.ErrorEnglish)
}

// runReindex builds a new index from the catalog and stored text beside the
// old one and swaps it in only when complete, so a failed rebuild leaves
// the old index untouched.
func runReindex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("reindex", stderr)
	return cmd.run(ctx, args, appOptions{existing: true}, func(a *app, lang report.Lang) error {
		_, _, indexDir, _ := a.paths()
		// Opening the live index proves no server holds it; an index of an
		// older format or a damaged one is what reindex is for.
		if old, err := index.Open(indexDir); err != nil && !errors.Is(err, index.ErrSchema) && !errors.Is(err, index.ErrDamaged) {
			return err
		} else if err == nil {
			if err := old.Close(); err != nil {
				return err
			}
		}
		newDir := indexDir + ".rebuild"
		if err := os.RemoveAll(newDir); err != nil {
			return fmt.Errorf("clear %s: %w", newDir, err)
		}
		missing, err := rebuildIndexIn(ctx, a, newDir, lang, stderr)
		if err != nil {
			os.RemoveAll(newDir)
			if catalog.ErrorCode(err) == catalog.EUNAVAILABLE {
				// Say that nothing was lost: the index searched is the old one.
				return failedTo(catalog.Words{Chinese: "索引未重建，原有索引未改动：", English: "the index was not rebuilt (the old one is untouched): "}, err)
			}
			return fmt.Errorf("rebuild index: %w", err)
		}
		if _, err := swapIndex(indexDir, newDir); err != nil {
			return err
		}
		n, err := a.cat.CountByStatus(ctx)
		if err != nil {
			return fmt.Errorf("count indexed documents: %w", err)
		}
		sayln(stdout, lang, "索引已重建：%d 个文档可检索", n[catalog.StatusIndexed])
		switch {
		case len(missing) > 0 && a.cat.Shared():
			// Queuing them would change the catalog every node shares;
			// reindex rebuilds this node's index only.
			sayln(stdout, lang, "%d 个文档缺少已提取的文字，未加入本节点的索引；共享目录未改动：请运行 evidence check 查看，再运行 evidence repair 从原件重新提取：", len(missing))
			for _, id := range missing {
				fmt.Fprintf(stdout, "  %s\n", id)
			}
		case len(missing) > 0:
			sayln(stdout, lang, "%d 个文档缺少已提取的文字，已重新排队，下次启动 evidence serve 时会重新提取：", len(missing))
			for _, id := range missing {
				fmt.Fprintf(stdout, "  %s\n", id)
			}
		}
		return nil
	})
}

// serveStoppedNote is the note of check's and repair's -h.
const serveStoppedNote = "请在 evidence serve 停止时运行：它要打开检索索引，而运行中的 serve 占用着索引。"

// runCheck re-hashes every original, verifies stored text against the
// hashes recorded when it was written, and compares the index with the
// catalog; any problem makes it exit 1.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("check", stderr)
	fs.Usage = flagUsage(fs, "check", serveStoppedNote)
	if err := parseFlags(fs, args); err != nil {
		return flagsError(err)
	}
	lang, err := langOf(fs)
	if err != nil {
		return err
	}
	a, damaged, err := openForCheck(ctx, *data, stderr)
	if err != nil {
		return err
	}
	defer a.close()
	problems, err := checkArchive(ctx, a, lang, stderr)
	if err != nil {
		return err
	}
	// Flagged, a damaged original of any size is mended by uploading it
	// again (the advice printProblems gives); a catalog that cannot take
	// the note leaves the check's answer as it is.
	if err := ingest.FlagDamagedOriginals(ctx, a.cat, problems, defaultCLIUser()); err != nil {
		fmt.Fprintln(stderr, "evidence check: record damaged originals:", err)
	}
	if damaged != nil {
		problems = append(problems, ingest.Problem{Kind: ingest.ProblemIndex, What: describeIn(damaged, lang)})
	}
	if err := noteUnfinished(ctx, a, lang, stdout); err != nil {
		return err
	}
	var diverged bool
	if a.cat.Shared() && a.idx != nil {
		if problems, diverged, err = followedElsewhere(ctx, a, problems, lang, stdout); err != nil {
			return err
		}
	}
	if a.cat.Shared() && a.idx != nil && !diverged {
		var behind int
		if problems, behind, err = caughtUpAtStart(ctx, a, problems); err != nil {
			return err
		}
		if behind > 0 {
			sayln(stdout, lang, "注意：本节点的搜索索引还差 %d 个文档未跟上目录（新节点或停机期间的变更），启动本节点的 evidence serve 即会自动补上，无需 reindex", behind)
		}
	}
	emptied, err := a.cat.EmptiedAssignments(ctx)
	if err != nil {
		return err
	}
	if len(problems) == 0 && len(emptied) == 0 && !diverged {
		sayln(stdout, lang, "校验通过：所有原件与提取文字的哈希一致，索引与目录一致")
		return nil
	}
	if len(problems) > 0 {
		docs, err := problemDocuments(ctx, a.cat, problems)
		if err != nil {
			return err
		}
		printProblems(stdout, lang, problems, docs, a.deployment())
	}
	printEmptied(stdout, lang, emptied)
	return exitError{1}
}

// followedElsewhere reports whether a shared node's index followed a
// catalog other than this one, or this one before it went back to an
// earlier state (ingest.FollowedCatalog), and says so: the index then
// disagrees with the catalog, and the node's next start mends all of it
// (it takes out what the catalog does not hold and follows from the first
// change), so the index problems are taken out of problems and counted
// in what it says.
func followedElsewhere(ctx context.Context, a *app, problems []ingest.Problem, lang report.Lang, w io.Writer) ([]ingest.Problem, bool, error) {
	node, err := ingest.ReadNodeName(a.dataDir)
	if err != nil {
		return nil, false, err
	}
	how, err := ingest.FollowedCatalog(ctx, a.cat, filepath.Join(a.dataDir, ingest.FollowStateName), node, a.idx)
	if err != nil || how == ingest.SameCatalog {
		return problems, false, err
	}
	left := problems[:0:0]
	for _, p := range problems {
		if p.Kind != ingest.ProblemIndex {
			left = append(left, p)
		}
	}
	out := len(problems) - len(left)
	if how == ingest.OtherCatalog {
		sayln(w, lang, "本节点的搜索索引跟随的是另一个目录（目录由 evidence restore 恢复，或换成了别的档案库的目录），与现在的目录不一致（%d 个文档有出入）；启动本节点的 evidence serve 即会移除目录中没有的文档，并从第一个变更起重新跟上目录，无需 reindex", out)
	} else {
		sayln(w, lang, "目录已恢复到较早的状态（所用的备份早于本节点的搜索索引跟上的位置），本节点的索引与目录不一致（%d 个文档有出入）；启动本节点的 evidence serve 即会移除目录中没有的文档，并从第一个变更起重新跟上目录，无需 reindex", out)
	}
	return left, true, nil
}

// caughtUpAtStart takes out of problems the documents a shared node's
// index lacks that its next start brings in by itself: those changed
// after the last change its index applied (ingest.FollowedSeq; all of
// them on a new node). It returns the problems left and how many it took.
// Only a document at or before that change was lost, and needs reindex.
func caughtUpAtStart(ctx context.Context, a *app, problems []ingest.Problem) ([]ingest.Problem, int, error) {
	var ids []string
	for _, p := range problems {
		if p.NotInIndex {
			ids = append(ids, p.DocumentID)
		}
	}
	if len(ids) == 0 {
		return problems, 0, nil
	}
	docs, err := a.cat.DocumentsAnyStateByID(ctx, ids)
	if err != nil {
		return nil, 0, fmt.Errorf("documents the index lacks: %w", err)
	}
	followed := ingest.FollowedSeq(filepath.Join(a.dataDir, ingest.FollowStateName), a.idx)
	left := problems[:0:0]
	for _, p := range problems {
		if d := docs[p.DocumentID]; p.NotInIndex && d != nil && d.Seq > followed {
			continue
		}
		left = append(left, p)
	}
	return left, len(problems) - len(left), nil
}

// openForCheck opens the archive in data with its index, or without it
// when the index is damaged or of an older format (damaged says how, as
// after an upgrade, before serve rebuilt it): the originals and stored
// text are still checked, and the index is one problem, mended by reindex.
func openForCheck(ctx context.Context, data string, stderr io.Writer) (a *app, damaged, err error) {
	a, err = openApp(ctx, data, quietLogger(stderr), appOptions{withIndex: true, existing: true})
	if !errors.Is(err, index.ErrDamaged) && !errors.Is(err, index.ErrSchema) {
		return a, nil, err
	}
	a, oerr := openApp(ctx, data, quietLogger(stderr), appOptions{existing: true})
	return a, err, oerr
}

// noteUnfinished says how many documents are stored or extracted but not
// yet indexed: not damage (the pipeline resumes them when serve starts),
// but no search finds them until then.
func noteUnfinished(ctx context.Context, a *app, lang report.Lang, w io.Writer) error {
	counts, err := a.cat.CountByStatus(ctx)
	if err != nil {
		return err
	}
	if n := counts[catalog.StatusStored] + counts[catalog.StatusExtracted]; n > 0 {
		sayln(w, lang, "注意：%d 个文档尚未处理完（已保存 %d 个、已提取 %d 个，尚未索引），搜索还找不到它们；启动 evidence serve 后会继续处理",
			n, counts[catalog.StatusStored], counts[catalog.StatusExtracted])
	}
	return nil
}

func checkArchive(ctx context.Context, a *app, lang report.Lang, stderr io.Writer) ([]ingest.Problem, error) {
	bar := countBar(stderr, words(lang, "校验", "Checking"))
	var idx index.Index
	if a.idx != nil { // nil when the index is damaged: check the rest
		idx = a.idx
	}
	problems, err := ingest.Check(ctx, a.cat, a.blobs, idx, func(done, total int) {
		bar.ChangeMax(total)
		bar.Set(done)
	})
	if err != nil {
		bar.Clear() // the line main writes the reason on starts clean
		return nil, err
	}
	bar.Finish()
	return problems, nil
}

// problemLabels name each kind of problem and what mends it.
var problemLabels = map[ingest.ProblemKind]catalog.Words{
	ingest.ProblemOriginal: {Chinese: "原件", English: "original"},
	ingest.ProblemText:     {Chinese: "提取文字", English: "text"},
	ingest.ProblemIndex:    {Chinese: "索引", English: "index"},
}

// maxIndexProblemsListed is how many index problems printProblems lists
// one by one.
const maxIndexProblemsListed = 10

// listedProblems are the problems printProblems names one by one: one
// reindex mends every index problem at once, so a lost index is a few
// lines and a count, not a line per document.
func listedProblems(problems []ingest.Problem) []ingest.Problem {
	var listed []ingest.Problem
	index := 0
	for _, p := range problems {
		if p.Kind == ingest.ProblemIndex {
			if index++; index > maxIndexProblemsListed {
				continue
			}
		}
		listed = append(listed, p)
	}
	return listed
}

// problemDocuments are the documents of the problems printProblems
// names, by ID, deleted ones too; an ID of no document (an index entry
// the catalog lacks) is left out.
func problemDocuments(ctx context.Context, cat *catalog.Store, problems []ingest.Problem) (map[string]*catalog.Document, error) {
	var ids []string
	for _, p := range listedProblems(problems) {
		if p.DocumentID != "" {
			ids = append(ids, p.DocumentID)
		}
	}
	docs, err := cat.DocumentsAnyStateByID(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("documents of the problems found: %w", err)
	}
	return docs, nil
}

// printProblems lists problems and what mends each kind, each by its
// document's ID, title and file (as backup names them) when docs has it.
// On a node of several (shared) a restart does not mend its index: the
// node follows only the changes after the last it applied, so a document
// its index lost before that stays lost until reindex.
func printProblems(w io.Writer, lang report.Lang, problems []ingest.Problem, docs map[string]*catalog.Document, dep deployment) {
	shared := dep.shared
	sayln(w, lang, "发现 %d 个问题：", len(problems))
	kinds := map[ingest.ProblemKind]int{}
	for _, p := range problems {
		kinds[p.Kind]++
	}
	for _, p := range listedProblems(problems) {
		label := problemLabels[p.Kind]
		what := words(lang, p.What, p.WhatEnglish)
		if d := docs[p.DocumentID]; d != nil && d.Title != "" {
			sayln(w, lang, "  %s  %s\uFF08%s\uFF09  [%s] %s", p.DocumentID, catalog.TitleWords(d.Title), d.Filename, label, what)
			continue
		}
		name := p.DocumentID
		if d := docs[p.DocumentID]; d != nil {
			name += "  " + d.Filename
		}
		fmt.Fprintf(w, "  %s  [%s] %s\n", name, words(lang, label.Chinese, label.English), what)
	}
	if n := kinds[ingest.ProblemIndex] - maxIndexProblemsListed; n > 0 {
		sayln(w, lang, "  ……另有 %d 个文档有索引的问题（共 %d 个）", n, kinds[ingest.ProblemIndex])
	}
	switch {
	case kinds[ingest.ProblemText] > 0 && shared:
		// repair opens this folder's index only; the other nodes take
		// the new text from the shared catalog while they serve.
		sayln(w, lang, "提取文字的问题：在本数据文件夹上运行 evidence repair，从原件重新提取（先停止使用本文件夹的 evidence serve；其他节点不必停止）")
	case kinds[ingest.ProblemText] > 0:
		sayln(w, lang, "提取文字的问题：停止 evidence serve 后运行 evidence repair，从原件重新提取")
	}
	switch {
	case kinds[ingest.ProblemIndex] > 0 && shared:
		sayln(w, lang, "索引的问题：停止本节点的 evidence serve 后运行 evidence reindex，重建本节点的索引（共享目录的节点重启后只跟随新的变更，补不上缺失的文档）")
	case kinds[ingest.ProblemIndex] > 0:
		sayln(w, lang, "索引的问题：运行 evidence reindex（或重启 evidence serve）")
	}
	switch {
	case kinds[ingest.ProblemOriginal] > 0 && dep.onS3:
		// evidence restore makes a whole data folder: an original in a
		// bucket comes back from the bucket's own copy.
		sayln(w, lang, "原件的问题：重新上传同一原件即可修复，或从存储桶的备份取回该对象（originals/ 下同名的文件：存储桶的镜像副本或版本记录）；许多原件同时缺失时，先确认 EVIDENCE_S3_ENDPOINT、EVIDENCE_S3_BUCKET 是否指向正确的存储桶")
	case kinds[ingest.ProblemOriginal] > 0:
		sayln(w, lang, "原件的问题：重新上传同一原件即可修复，或从备份恢复（evidence restore）；许多原件同时缺失时，先确认文件存储（--data 文件夹下的 blobs，或 S3 存储桶的设置）是否正确、已挂载")
	}
}

// deployment is what the advice for a problem depends on.
type deployment struct {
	shared bool // the catalog is PostgreSQL, shared by several nodes
	onS3   bool // the originals and texts are in an S3 bucket
}

// deployment says how a is deployed.
func (a *app) deployment() deployment {
	_, onS3 := a.blobs.(*blob.S3)
	return deployment{shared: a.cat.Shared(), onS3: onS3}
}

// runRepair re-extracts, from their originals, the documents whose stored
// text check finds bad, and says what became of each. Like reindex it
// needs serve stopped: it opens the index itself.
func runRepair(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("repair", stderr)
	fs.Usage = flagUsage(fs, "repair", serveStoppedNote)
	outdated := fs.Bool("outdated", false, "也重新读取由旧版读取程序提取文字的文档（其段落被定性描述或数值引用的除外），以及旧版程序读出的字段（人工填写或修改过的不变）")
	if err := parseFlags(fs, args); err != nil {
		return flagsError(err)
	}
	lang, err := langOf(fs)
	if err != nil {
		return err
	}
	watch, err := newStoreWatch()
	if err != nil {
		return err
	}
	a, err := openApp(ctx, *data, storeWaitLogger(stderr), appOptions{withIndex: true, existing: true, ingest: watch.config(ingest.Config{})})
	if err != nil {
		// Its own message says what to do: an index another evidence
		// process holds says to stop it; no other failure is put down to
		// a server still running.
		return err
	}
	defer a.close()
	problems, err := checkArchive(ctx, a, lang, stderr)
	if err != nil {
		return err
	}
	reopened, err := a.cat.ReopenEmptiedAssignments(ctx, defaultCLIUser())
	if err != nil {
		return err
	}
	printReopened(stdout, lang, reopened)
	ids, err := ingest.Repair(ctx, a.cat, a.blobs, problems)
	if err != nil {
		return err
	}
	var fieldIDs []string // documents whose fields a newer reader read otherwise: indexed anew
	if *outdated {
		bar := countBar(stderr, words(lang, "重新读取", "Reading again"))
		var quotes ingest.QuoteChecks
		more, kept, err := a.ingest.RereadOutdatedQuotes(ctx, func(done, total int) {
			bar.ChangeMax(total)
			bar.Set(done)
		}, quotes.Add)
		bar.Finish()
		if err != nil {
			return err
		}
		printKept(stdout, lang, kept)
		printQuoteChecks(stdout, lang, quotes)
		ids = append(ids, more...)
		reread, err := rereadFields(ctx, a, lang, stderr)
		if err != nil {
			return err
		}
		printFieldsReread(stdout, lang, reread)
		for _, d := range reread.Changed {
			if !slices.Contains(ids, d.ID) {
				fieldIDs = append(fieldIDs, d.ID)
			}
		}
	}
	if len(ids) == 0 && len(fieldIDs) == 0 {
		sayln(stdout, lang, "没有需要重新提取的文档")
	} else {
		groups := []reextractGroup{
			{ids: ids, heading: sayf(lang, "重新提取 %d 个文档的文字：", len(ids)), bar: words(lang, "重新提取", "Extracting again")},
			{ids: fieldIDs, heading: sayf(lang, "重新索引 %d 个字段有变化的文档：", len(fieldIDs)), bar: words(lang, "重新索引", "Indexing again")},
		}
		if err := reextract(ctx, a, watch, groups, lang, stdout, stderr); err != nil {
			return err
		}
		// What the index lacked is in it now; what is left is said anew.
		now, err := ingest.CheckIndex(ctx, a.cat, a.idx)
		if err != nil {
			return err
		}
		problems = append(slices.DeleteFunc(problems, func(p ingest.Problem) bool { return p.Kind == ingest.ProblemIndex }), now...)
	}
	if err := noteUnfinished(ctx, a, lang, stdout); err != nil {
		return err
	}
	var others []ingest.Problem
	textLeft := false
	for _, p := range problems {
		if p.Kind != ingest.ProblemText || !slices.Contains(ids, p.DocumentID) {
			others = append(others, p)
			textLeft = textLeft || p.Kind == ingest.ProblemText
		}
	}
	if len(others) > 0 {
		sayln(stdout, lang, "另有 %d 个问题不是重新提取能修复的：", len(others))
		if textLeft {
			sayln(stdout, lang, "（原件也有问题的文档不重新提取文字：先恢复原件）")
		}
		docs, err := problemDocuments(ctx, a.cat, others)
		if err != nil {
			return err
		}
		printProblems(stdout, lang, others, docs, a.deployment())
		return exitError{1}
	}
	return nil
}

// reextractGroup is a set of documents reextract runs the pipeline for,
// said under its own heading with its own count.
type reextractGroup struct {
	ids          []string
	heading, bar string
}

// reextract runs the pipeline for the documents of groups alone and says,
// under each group's heading, what became of each as it finishes, with a
// count on stderr. Documents left unfinished by serve are not read here
// (one scan's OCR can take an hour): they stay as they are, and
// noteUnfinished says serve reads them. Starting the
// pipeline also compared the index with the catalog and queued what the
// index lacks; that is waited for too, or closing would leave documents
// half indexed, found by no search. Documents the store keeps waiting
// longer than watch's patience are left for serve.
func reextract(ctx context.Context, a *app, watch *storeWatch, groups []reextractGroup, lang report.Lang, stdout, stderr io.Writer) error {
	var all []string
	for _, g := range groups {
		all = append(all, g.ids...)
	}
	if err := a.ingest.StartFor(ctx, all); err != nil {
		return err
	}
	for _, g := range groups {
		if len(g.ids) == 0 {
			continue
		}
		fmt.Fprintln(stdout, g.heading)
		bar := countBar(stderr, g.bar)
		bar.ChangeMax(len(g.ids))
		err := watch.wait(ctx, func(ctx context.Context) error {
			_, err := a.ingest.Wait(ctx, g.ids, func(d *catalog.Document) {
				// The status in the user's words, as the web pages say it.
				status := catalog.StatusIn(d.Status)
				line := fmt.Sprintf("  %s  %s  → %s", d.ID, d.Filename, words(lang, status.Chinese, status.English))
				if d.Status == catalog.StatusFailed {
					line = sayf(lang, "  %s  %s  → %s\uFF08%s\uFF09", d.ID, d.Filename, status, documentError(d, lang))
				}
				bar.Clear()
				fmt.Fprintln(stdout, line)
				bar.Add(1)
			})
			return err
		})
		bar.Finish()
		if err != nil {
			return err
		}
	}
	reindexed, err := a.ingest.Reindexed(ctx)
	if err != nil {
		return err
	}
	if len(reindexed) == 0 {
		return nil
	}
	bar := countBar(stderr, words(lang, "补写索引", "Indexing what the index lacks"))
	bar.ChangeMax(len(reindexed))
	defer bar.Finish()
	return watch.wait(ctx, func(ctx context.Context) error {
		_, err := a.ingest.Wait(ctx, reindexed, func(*catalog.Document) { bar.Add(1) })
		return err
	})
}

// rereadFields reads again the fields of the documents an older field
// reader read, with a count on stderr.
func rereadFields(ctx context.Context, a *app, lang report.Lang, stderr io.Writer) (ingest.FieldsReread, error) {
	bar := countBar(stderr, words(lang, "重新读取字段", "Reading fields again"))
	defer bar.Finish()
	return a.ingest.RereadFields(ctx, func(done, total int) {
		bar.ChangeMax(total)
		bar.Set(done)
	})
}

// printFieldsReread says how many documents' fields were read again and
// lists those whose fields changed, with their new values, how many
// texts stored before heads were kept were given theirs or left without,
// and how many texts could not be read.
func printFieldsReread(w io.Writer, lang report.Lang, r ingest.FieldsReread) {
	switch {
	case r.Read > 0 && len(r.Changed) == 0:
		sayln(w, lang, "重新读取 %d 个文档的标题、文号、发文机关和成文日期，都没有变化", r.Read)
	case r.Read > 0:
		sayln(w, lang, "重新读取 %d 个文档的标题、文号、发文机关和成文日期，%d 个有变化（人工填写或修改过的字段不变）：", r.Read, len(r.Changed))
	}
	shown := func(v string) string {
		if v == "" {
			return words(lang, "（空）", "(empty)")
		}
		return v
	}
	for _, d := range r.Changed {
		// A 文号 guessed from what was read says so, as every list does.
		number := catalog.DocNumberShown(d)
		sayln(w, lang, "  %s  %s  标题：%s  文号：%s  发文机关：%s  成文日期：%s", d.ID, d.Filename,
			shown(d.Title), shown(words(lang, number.Chinese, number.English)), shown(d.Issuer), shown(d.IssuedOn))
	}
	if r.Heads > 0 {
		sayln(w, lang, "%d 个旧版存储的文字重新提取后与原来相同，已补存原文开头，标题按原文恢复全角标点", r.Heads)
	}
	if r.HeadsLeft > 0 {
		sayln(w, lang, "%d 个旧版存储的文字重新提取后与原来不同或无法提取，保持原样，标题仍为半角标点", r.HeadsLeft)
	}
	if r.Unreadable > 0 {
		sayln(w, lang, "%d 个文档存储的文字读不出，其字段留待下次重新读取", r.Unreadable)
	}
}

// printKept lists the documents whose text older readers gave that repair
// --outdated leaves as it is, and why.
func printKept(w io.Writer, lang report.Lang, kept []ingest.KeptText) {
	var cited, failed []ingest.KeptText
	for _, k := range kept {
		if k.Reason != "" {
			failed = append(failed, k)
		} else {
			cited = append(cited, k)
		}
	}
	if len(cited) > 0 {
		sayln(w, lang, "保留 %d 个文档由旧版读取程序提取的文字（重新读取可能使被引用的原文换页或改变，引用就对不上审核时看到的原文）：", len(cited))
		for _, k := range cited {
			sayln(w, lang, "  %s  %s  其文字被 %d 处定性描述或数值引用", k.Document.ID, k.Document.Filename, k.Cited)
		}
	}
	if len(failed) > 0 {
		sayln(w, lang, "未能重新读取 %d 个文档，仍按原来的文字检索：", len(failed))
		for _, k := range failed {
			fmt.Fprintf(w, "  %s  %s  %s\n", k.Document.ID, k.Document.Filename, k.Reason)
		}
	}
}

// printQuoteChecks says, as /admin's line of a run of 重新读取 does, how
// many quotes cited in the texts read anew were looked for again and how
// many of their marks changed, and those that could not be looked for,
// marked 引文待重新核对, and why; and the texts whose quotes could not
// even be marked.
func printQuoteChecks(w io.Writer, lang report.Lang, q ingest.QuoteChecks) {
	if q.Checked > 0 {
		sayln(w, lang, "重新核对引文 %d 处，其中 %d 处结果变化", q.Checked, q.Changed)
	}
	why := catalog.Words{Chinese: q.Why(false), English: q.Why(true)}
	if q.Failed > 0 {
		sayln(w, lang, "%d 处引文核对失败（%s），已标为引文待重新核对", q.Failed, why)
	}
	if q.Unmarked > 0 {
		sayln(w, lang, "%d 个文字中的引文既未能重新核对，也未能标为待重新核对，仍是旧文字的标记（%s）；请再次重新读取", q.Unmarked, why)
	}
}

// rebuildIndexIn builds the index in dir from the catalog and the stored
// texts (ingest.Rebuild) with a progress bar on stderr, and returns the
// documents whose text is missing (queued to be read again). On an error
// the bar is cleared, so that the line main writes the reason on starts
// clean. It runs under the server's collector settings (tuneGC), as serve
// indexes: under Go's default, whose heap grows to twice what is live, a
// restore of ten texts of 4.5 MB held 3.9 GB, and 1.5 GB under serve's.
func rebuildIndexIn(ctx context.Context, a *app, dir string, lang report.Lang, stderr io.Writer) ([]string, error) {
	tuneGC()
	idx, err := index.Open(dir)
	if err != nil {
		return nil, err
	}
	bar := countBar(stderr, words(lang, "重建索引", "Rebuilding the index"))
	missing, err := ingest.Rebuild(ctx, a.cat, a.blobs, idx, 256, func(done, total int) {
		bar.ChangeMax(total)
		bar.Set(done)
	})
	if cerr := idx.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		bar.Clear()
		return nil, err
	}
	bar.Finish()
	return missing, nil
}
