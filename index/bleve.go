package index

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	bolterrors "go.etcd.io/bbolt/errors"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index/internal/zh"
	"github.com/lcmonitor/evidence/internal/lowprio"
)

// schemaVersion is stored in the index; an index written with another
// mapping must be rebuilt with `evidence reindex` (serve rebuilds it at
// start). 4 added the n-gram fields and folded traditional characters; 5
// gave whitespace its own n-gram position, so that a query word needs only
// a cover of its pairs, and a character alone between whitespace its own
// token (zh.Bigrams), and put the facet values in one field; 6 folds the
// brackets of a 文号 (〔〕【】[]（）) into one pair and indexes a document's
// 文号 with its title; 7 pairs the characters either side of a page break
// inside a sentence, so that a phrase running onto the next page is found,
// and indexes the domain words that the segmentation cut between others;
// 8 indexes place names of three characters that the segmentation cut
// (长沙 in 长沙|市委 also as 长沙市), the letters and number of a Latin
// code (ISO and 9001 in ISO9001), an abbreviation's plural also as its
// singular (MOOC in MOOCs), and keeps 民政局 whole in 市民政局; 9 indexes
// a word that runs across a page break inside a sentence as the word
// (终身|教育体系 on two pages is 终身教育体系), as 7 did its pairs, and
// joins the pages past a page number at the foot of the first (— 1 —),
// and folds dashes to hyphens (GB/T 9704—2012 is found as typed, -2012);
// 10 folds a range's wave and two-em dash (～ ~ 〜 ⸺) to hyphens too, and
// joins the pages past a page number with the number of pages (1/3) at
// the foot of the first when it is that page's own; 11 only when its
// second number is the number of pages and a page beside it has the next
// foot (1/2 then 2/2), so that a fraction or a date on a page's last line
// (1/2 of the streets, 3/15) stays indexed, and it drops the characters
// that show nothing (学\u200b习 is indexed as 学习: catalog.IsInvisible);
// 12 marks the documents whose text is longer than the index takes
// (fieldCut), so that a search says how many it may have missed; 13
// folds CJK radicals to the ideographs they stand for (⼈⺠ is indexed as
// 人民, and found as either), as extraction now writes them; 14 holds a
// count in Chinese numerals once more in Arabic digits (一万二千人 as
// #12000人: zh.ChineseCounts), so that 12000人 and 1.2万人 find it; 15
// holds every number once more as its value (1.2万 as #=12000:
// zh.Values), so that a bare 12000 finds 1.2万 and 一万二千人; 16 holds
// no value for the head of a rough number (the 十 of 十多万人, the 300
// of 300多万元: zh.Values), which a bare 10 or 300 found; 17 holds a
// percentage's value with its sign (82% and 百分之八十二 as #=82%:
// zh.Values), so that 82% finds 百分之八十二 and the other way round, and
// no value for the number of a percentage (the 82 of 百分之八十二); 18
// reads numbers as the values package does (internal/numread): a rough
// number holds no value even without 万 or 亿 (三十多所 is 31 to 39, not
// 30; 近十万人, 30%多), digits parted by a thousands space or a line break
// hold their joined value and count besides each group's (1 200人 and
// 12\n000人 as #=1200, #1200人), and the 数 of 人数 is a count's (人数十万);
// 19 holds a word of two or three characters that the segmentation cut
// otherwise where it could have cut around it (几十万 in 几十|万人次:
// zh.appendRecut), so that a query of that word finds it, and one
// numeral alone before a measure word as a count (分校八所 as #8所); 20
// holds in the title the 文号 as OCR read it where the document's 文号 was
// inferred from it (Document.DocNumberRead), so that 杭教发(2018]125 finds
// the document whose 文号 was guessed as 杭教发〔2018〕12号; 21 leaves the
// whitespace inside a 文号 in the text out of the n-gram fields (浙政发
// [2019] 5号, 杭教发(2018)\n12号: zh.docNumberGaps), so that the 文号
// typed without it finds the document; 22 folds the small brackets ﹝﹞ of
// a 文号 as its other brackets (甬教职成﹝2019﹞12号 is found as
// 甬教职成〔2019〕12号 and from after its opening bracket, 2019) 12号);
// 23 holds no value for a figure that a word bounds or approximates, as
// the values package reads it (numread.Qualified: 约3000人, 突破3000人,
// 不少于3000人, 3000人以上, 3000人左右, 约60%), so that 三千 and 0.3万 find
// 3000人 and not 约3000人, which 3000 finds as text; 24 leaves the
// whitespace after a clause mark out of the n-gram fields (人。\n优化,
// 培训;\n优化, a DOCX paragraph's 。\n\n: zh.markGaps), so that 1,200人。优化
// copied from a viewer or typed from the paper finds the document; 25
// holds the value of Chinese numerals with 百, 千, 万, 亿 or a point
// before a heading mark or in brackets (一百万、二百万, （其中一点五万）:
// zh.label), which no heading is numbered with, so that 1000000 and
// 100万 find the first figure of a list as they find the last; 26 keeps
// the monitoring round apart from the year (fieldRound), so that round=
// finds a year's summary issued early the next year in the year it sums
// up rather than in the year it was issued; 27 holds no value for the
// number of a heading of a list of a hundred items or more (一百、组织保障
// at a line's or a clause's start: zh.longHeading), which 25 indexed as
// 100; 28 holds a session's 第-serial in Chinese numerals as that
// count's token (第十八届 as #18届: zh.SerialCounts), so that 十八届 and
// 18届 find it; 29 marks a decimal's end also where only zeros follow
// (the 96.5 of 96.50%, the 96 of 96.00: zh.valueEnd), so that a number
// typed as the text writes it, less those zeros, finds it (not a year
// and October: 2024.1 is not 2024.10, which has no value token), and holds no
// count for 第一 (第一次 is the first time, not 1次); 30 joins a decimal's
// last digit of value to the unit after its trailing zeros (5⁰% in
// 96.50%: zh.ZerosToken), so that 96.5% finds 96.50% as 96.5 does.
const schemaVersion = "30"

var schemaKey = []byte("evidence_schema")

// ErrSchema marks an index written with another mapping: it must be
// rebuilt from the catalog and stored text.
var ErrSchema = errors.New("index schema differs")

// ErrDamaged marks an index whose files cannot be read (a segment cut
// short by a full disk or a crash, a file deleted by hand): like an index
// of another schema it must be rebuilt from the catalog and stored text,
// which the index only derives from.
var ErrDamaged = errors.New("index damaged")

// Bleve is the Index on a Bleve (scorch) index.
type Bleve struct {
	idx bleve.Index
	// dir is the index's folder, empty for an index in memory.
	dir     string
	h       health
	results resultCache
	// texts keeps the inflated text of recent hits (readHitText).
	texts textCache
	// computing holds a slot per search Bleve is computing: at most
	// twice the CPUs at once, the others wait their turn (in order).
	// Thirty searches computed at once on two cores each take fifteen
	// times as long as alone and hold their memory all that while;
	// computed a few at a time, each is done sooner, and a search whose
	// result is kept is answered at once instead of sharing the cores
	// with them.
	computing chan struct{}
	// computeWait is how long a search waits for a slot before it is
	// refused as unavailable, with advice to try again.
	computeWait time.Duration
}

// Past computeWait a search is refused; it may try again after
// retrySearchAfter.
const (
	defaultComputeWait = 30 * time.Second
	retrySearchAfter   = 10 * time.Second
)

func newBleve(idx bleve.Index, dir string) *Bleve {
	b := &Bleve{idx: idx, dir: dir, computing: make(chan struct{}, 2*lowprio.Procs()), computeWait: defaultComputeWait}
	if dir != "" {
		open.Store(filepath.Join(filepath.Clean(dir), "store"), b)
	}
	return b
}

// openBleve opens the index in dir with the archive's runtime settings.
func openBleve(dir string) (bleve.Index, error) {
	return bleve.OpenUsing(dir, map[string]interface{}{"bolt_timeout": "2s", "asyncErrorCallbackName": asyncErrorCallback})
}

var _ Index = (*Bleve)(nil)

// preload is Preload; a test sees when Open calls it.
var preload = Preload

// Open opens the index in dir, creating it when dir does not exist yet. A
// directory locked by another process gives EUNAVAILABLE rather than
// blocking forever.
//
// The segmenter's dictionary (half a minute to load on a slow machine) is
// loaded after the index is opened: a command run beside serve is refused
// at once, not after that wait.
func Open(dir string) (*Bleve, error) {
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); errors.Is(err, os.ErrNotExist) {
		if err := preload(); err != nil {
			return nil, err
		}
		return create(dir, true)
	}
	idx, err := openBleve(dir)
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) || strings.Contains(err.Error(), "timeout") {
			return nil, fmt.Errorf("open index %s: %w", dir, catalog.Errorf(catalog.EUNAVAILABLE,
				"索引目录 %s 正被另一个 evidence 进程使用（另一个 evidence serve 是否正在运行？）；请先停止它，或通过网页/API 操作，"+
					"或用 --data 指定另一个数据目录 / the index folder %s is in use by another evidence process "+
					"(is another evidence serve running?): stop it first, work through the web UI or API, or use another --data folder",
				dir, dir))
		}
		return nil, fmt.Errorf("open index %s: %w", dir, damaged(dir, err))
	}
	if err := preload(); err != nil {
		idx.Close()
		return nil, err
	}
	v, err := idx.GetInternal(schemaKey)
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("read index schema: %w", damaged(dir, err))
	}
	if lost := lostSnapshots(idx, v, dir); lost != nil {
		idx.Close()
		return nil, fmt.Errorf("open index %s: %w", dir, damaged(dir, lost))
	}
	if string(v) != schemaVersion {
		idx.Close()
		return nil, fmt.Errorf("%w: %w", ErrSchema, catalog.Errorf(catalog.EUNAVAILABLE,
			"索引格式版本为 %q，当前程序需要 %q；请运行 evidence reindex 重建索引", v, schemaVersion))
	}
	return newBleve(idx, dir), nil
}

// lostSnapshots says why an index Bleve opened is damaged although it
// opened: Bleve passes over each snapshot whose segments it cannot load
// and opens the newest one left, down to the empty one written when the
// index was created (with or without its schema, which every format since
// the first writes), so an index whose segments are all unreadable opens
// empty. Segment files on disk under an empty index (no schema, or no
// document) are that. An archive whose every document was deleted may be
// called damaged too before Bleve merges its segments away: it is rebuilt
// (from nothing) and its old files kept, which costs nothing.
func lostSnapshots(idx bleve.Index, schema []byte, dir string) error {
	segs, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if len(segs) == 0 {
		return nil
	}
	if len(schema) == 0 {
		return errors.New("no snapshot of the index could be loaded (no schema)")
	}
	n, err := idx.DocCount()
	if err != nil {
		return fmt.Errorf("count the index's documents: %w", err)
	}
	if n == 0 {
		return fmt.Errorf("no snapshot of the index could be loaded (no document, %d segment files)", len(segs))
	}
	return nil
}

// damaged marks err, met opening the index in dir, as ErrDamaged unless
// it is the machine's (no permission, a full or read-only disk, too many
// open files): those say what to fix, and rebuilding would not help.
//
// Bleve seldom passes the machine's error through (a segment it cannot
// open is only text, index_meta.json it cannot read "metadata missing"),
// so every file of the index is opened here too before it is called
// damaged: an index readable to its owner but not to the user serve runs
// as (after `sudo evidence reindex`, a restore as root) is not damaged,
// and moving it aside and rebuilding would not mend what is wrong.
func damaged(dir string, err error) error {
	if machineError(err) {
		return err
	}
	if perr := unreadableFile(dir); perr != nil {
		return fmt.Errorf("%w: %w", catalog.Errorf(catalog.EUNAVAILABLE,
			"无法读取索引的文件（%v）；索引本身可能完好：请检查数据目录的所有者和权限（evidence 以哪个用户运行），或磁盘是否有故障 / "+
				"cannot read the index's files: the index itself may be sound; check the data folder's owner and permissions "+
				"(which user evidence runs as) or the disk", perr), perr)
	}
	return fmt.Errorf("%w: %w: %v", ErrDamaged, catalog.Errorf(catalog.EUNAVAILABLE,
		"索引 %s 已损坏，无法读取；索引只是由目录和已存文字派生的，请运行 evidence reindex 重建（或启动 evidence serve，它会自动重建）", dir), err)
}

// machineError reports an error of the machine rather than of the data: no
// permission, a full or read-only disk, too many open files, a disk error.
func machineError(err error) bool {
	for _, sys := range []error{fs.ErrPermission, syscall.ENOSPC, syscall.EDQUOT, syscall.EROFS, syscall.EMFILE, syscall.ENFILE, syscall.EIO} {
		if errors.Is(err, sys) {
			return true
		}
	}
	return false
}

// openIndexFile opens a file of an index for reading; tests replace it to
// play a file serve may not read.
var openIndexFile = func(path string) (io.Closer, error) { return os.Open(path) }

// unreadableFile returns the machine's error met opening a folder or file
// of the index in dir, nil when all open (a missing or garbled file is the
// data's, not the machine's).
func unreadableFile(dir string) error {
	var found error
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			var f io.Closer
			if f, err = openIndexFile(path); err == nil {
				f.Close()
			}
		}
		if err != nil && machineError(err) {
			found = err
			return filepath.SkipAll
		}
		return nil
	})
	return found
}

// OpenWordsOnly creates an index in dir, which must not exist, without the
// n-gram fields (query words are then matched as words only, as before
// schema 4). Only the benchmark uses it, to measure what substring search
// costs in index size and ingest speed; its schema is not the archive's.
func OpenWordsOnly(dir string) (*Bleve, error) {
	if err := Preload(); err != nil {
		return nil, err
	}
	return create(dir, false)
}

func create(dir string, substrings bool) (*Bleve, error) {
	m, err := newMapping(substrings)
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	idx, err := bleve.NewUsing(dir, m, bleve.Config.DefaultIndexType, bleve.Config.DefaultKVStore,
		map[string]interface{}{"asyncErrorCallbackName": asyncErrorCallback})
	if err != nil {
		return nil, fmt.Errorf("create index %s: %w", dir, err)
	}
	if err := idx.SetInternal(schemaKey, []byte(schemaVersion)); err != nil {
		idx.Close()
		return nil, fmt.Errorf("write index schema: %w", err)
	}
	return newBleve(idx, dir), nil
}

// OpenMem returns an index held in memory only, for tests and benchmarks.
func OpenMem() (*Bleve, error) {
	if err := Preload(); err != nil {
		return nil, err
	}
	m, err := newMapping(true)
	if err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		return nil, fmt.Errorf("create memory index: %w", err)
	}
	return newBleve(idx, ""), nil
}

// toBleveDoc is the indexed shape of a Document; doc.go documents each
// field. Empty values are left out rather than indexed as an empty term, so
// they never show up as a facet value.
func toBleveDoc(d Document) (map[string]any, error) {
	// Only the indexed text is stored: hits are in it, and each hit of a
	// search inflates what is stored.
	text, cut := indexedText(strings.Join(d.Pages, PageSeparator))
	stored, err := deflateText(text)
	if err != nil {
		return nil, err
	}
	title := d.Title
	for _, n := range []string{d.DocNumber, d.DocNumberRead} {
		if n != "" && !strings.Contains(title, n) {
			title += "\n" + n
		}
	}
	bd := map[string]any{
		fieldTitle:      title,
		fieldText:       text,
		fieldTitleNgram: title,
		fieldTextNgram:  text,
		fieldStoredText: stored,
	}
	for field, v := range map[string]string{fieldCity: d.City, fieldDocType: d.DocType, fieldDepartment: d.Department} {
		if v != "" {
			bd[field] = v
		}
	}
	if len(d.Indicators) > 0 {
		bd[fieldIndicators] = d.Indicators
	}
	if cut {
		bd[fieldCut] = cutMark
	}
	var year string
	if d.Year > 0 {
		year = strconv.Itoa(d.Year)
		bd[fieldYear] = year
	}
	if d.Round != "" {
		bd[fieldRound] = d.Round
	}
	var facets []string
	for _, f := range []struct{ field, value string }{{fieldCity, d.City}, {fieldDocType, d.DocType}, {fieldYear, year}} {
		if f.value != "" {
			facets = append(facets, f.field+facetSeparator+f.value)
		}
	}
	for _, ind := range d.Indicators {
		facets = append(facets, fieldIndicators+facetSeparator+ind)
	}
	if len(facets) > 0 {
		bd[fieldFacets] = facets
	}
	if !d.IssuedOn.IsZero() {
		bd[fieldIssuedOn] = d.IssuedOn.UTC().Format(time.RFC3339)
	}
	return bd, nil
}

// MaxBatchText is the most text, in bytes (Document.TextSize), that Index
// writes in one Bleve batch (a longer document goes alone). Bleve analyses
// a whole batch before it writes it, and the analysis takes fifty times
// the text's size in memory: 256 documents of 17 KB (4.4 MB) held 500 MB
// live, and under serve's memory limit the collector then ran without
// pause (the pipeline spent 2.2× raw Bleve's CPU per MB, and 1.4× with
// batches of at most 1 MiB; bench/README.md, ingest step 11). 256
// documents of the benchmark's 3 KB fit in one.
const MaxBatchText = 1 << 20

// Index implements Index: docs go to Bleve in batches of at most
// MaxBatchText bytes of text, so docs of at most that much, or one
// document, are one batch. A caller that makes its own batches keeps them
// within that (the pipeline's indexer and Rebuild do): a batch cut in two
// leaves a segment of a document or two, which Bleve merges again soon
// after.
func (b *Bleve) Index(ctx context.Context, docs []Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	for len(docs) > 0 {
		n := batchOf(docs, MaxBatchText)
		if err := b.indexBatch(docs[:n]); err != nil {
			return err
		}
		docs = docs[n:]
	}
	return nil
}

// batchOf returns how many of docs, from the first, make a batch of at most
// maxText bytes of text; at least one.
func batchOf(docs []Document, maxText int) int {
	size := 0
	for n, d := range docs {
		size += d.TextSize()
		if n > 0 && size > maxText {
			return n
		}
	}
	return len(docs)
}

// TextSize is the bytes of the document's pages, by which Index cuts
// batches (the title, a few dozen bytes, is left out: it may still change
// between a caller's batching and Index).
func (d Document) TextSize() int {
	n := 0
	for _, p := range d.Pages {
		n += len(p)
	}
	return n
}

// indexBatch writes docs to Bleve in one batch.
func (b *Bleve) indexBatch(docs []Document) error {
	bds := make([]map[string]any, len(docs))
	for i, d := range docs {
		bd, err := toBleveDoc(d)
		if err != nil {
			return fmt.Errorf("index document %s: %w", d.ID, err)
		}
		bds[i] = bd
	}
	err := b.guarded(true, func() error {
		batch := b.idx.NewBatch()
		for i, d := range docs {
			if err := batch.Index(d.ID, bds[i]); err != nil {
				return fmt.Errorf("index document %s: %w", d.ID, err)
			}
		}
		return b.idx.Batch(batch)
	})
	b.results.invalidate()
	if err != nil {
		return fmt.Errorf("index batch of %d: %w", len(docs), err)
	}
	return nil
}

// Delete implements Index.
func (b *Bleve) Delete(ctx context.Context, ids ...string) error {
	err := b.guarded(true, func() error {
		batch := b.idx.NewBatch()
		for _, id := range ids {
			batch.Delete(id)
		}
		return b.idx.Batch(batch)
	})
	b.results.invalidate()
	if err != nil {
		return fmt.Errorf("delete %d documents from index: %w", len(ids), err)
	}
	return nil
}

// Count implements Index.
func (b *Bleve) Count() (uint64, error) {
	var n uint64
	err := b.guarded(false, func() (err error) {
		n, err = b.idx.DocCount()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("count index: %w", err)
	}
	return n, nil
}

// IDs implements Index.
func (b *Bleve) IDs(ctx context.Context) ([]string, error) {
	n, err := b.Count()
	if err != nil {
		return nil, err
	}
	req := bleve.NewSearchRequestOptions(bleve.NewMatchAllQuery(), int(n), 0, false)
	req.SortBy([]string{"_id"})
	var res *bleve.SearchResult
	err = b.guarded(false, func() (err error) {
		res, err = b.idx.SearchInContext(ctx, req)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list index ids: %w", err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	sort.Strings(ids)
	return ids, nil
}

// Close implements Index.
func (b *Bleve) Close() error {
	b.h.mu.Lock()
	defer b.h.mu.Unlock()
	b.h.closed = true
	if b.dir != "" {
		open.Delete(filepath.Join(filepath.Clean(b.dir), "store"))
	}
	if b.idx == nil {
		return nil // closed when it became unusable, and not opened again
	}
	if b.h.unusable != nil {
		closeRecovered(b.idx)
		return nil
	}
	return b.idx.Close()
}

// Search implements Index.
func (b *Bleve) Search(ctx context.Context, q Query) (*Result, error) {
	return b.results.search(ctx, q, func(ctx context.Context) (*Result, error) {
		if err := b.takeComputingSlot(ctx); err != nil {
			return nil, err
		}
		defer func() { <-b.computing }()
		var res *Result
		err := b.guarded(false, func() (err error) {
			res, err = b.search(ctx, q, buildQuery(q, b.idx.Mapping()))
			return err
		})
		return res, err
	})
}

// takeComputingSlot waits for a slot to compute a search in, in order of
// arrival, for computeWait at most.
func (b *Bleve) takeComputingSlot(ctx context.Context) error {
	select {
	case b.computing <- struct{}{}:
		return nil
	default:
	}
	timer := time.NewTimer(b.computeWait)
	defer timer.Stop()
	select {
	case b.computing <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return BusyError(b.computeWait)
	}
}

// BusyError is the refusal of a search that waited wait for its turn to
// be computed (or, in the search service, to run at all).
func BusyError(wait time.Duration) *catalog.Error {
	e := catalog.Errorf(catalog.EUNAVAILABLE,
		"服务器正在处理的检索较多，等候 %d 秒仍未轮到；请稍后再检索", int(wait/time.Second))
	e.RetryAfter = retrySearchAfter
	return e
}

// search runs q with bq, its Bleve query.
//
// A search with text runs in two passes. The first ranks, counts and
// facets every match without term locations; the second reads locations
// and stored text for the page of hits only, by the same query limited to
// their IDs. Asked of one pass, Bleve reads the positions and offsets of
// every query term in every matching document, most of which never show.
func (b *Bleve) search(ctx context.Context, q Query, bq query.Query) (*Result, error) {
	req := bleve.NewSearchRequestOptions(bq, q.Size, q.From, false)
	if order := sortOrder(q.Sort); order != nil {
		req.SortByCustom(order)
	}
	if q.FacetSize > 0 {
		// Every value, to be cut to FacetSize per field below.
		req.AddFacet(fieldFacets, bleve.NewFacetRequest(fieldFacets, math.MaxInt32))
	}
	res, err := b.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	out := &Result{Total: res.Total, Took: res.Took, Hits: make([]Hit, len(res.Hits))}
	for i, h := range res.Hits {
		out.Hits[i] = Hit{ID: h.ID, Score: h.Score}
	}
	if q.WithText && len(res.Hits) > 0 {
		if err := b.readHitText(ctx, bq, out.Hits); err != nil {
			return nil, err
		}
	}
	if fr := res.Facets[fieldFacets]; fr != nil {
		out.Facets = splitFacets(fr, q.FacetSize)
	}
	return out, nil
}

// facetSeparator joins a facet's field and value in fieldFacets.
const facetSeparator = ":"

// splitFacets turns the counts of fieldFacets' values into each facet
// field's, at most size values per field, by count then value as Bleve
// orders them.
func splitFacets(fr *search.FacetResult, size int) map[string][]FacetValue {
	out := make(map[string][]FacetValue, len(FacetFields))
	for _, f := range FacetFields {
		out[f] = nil
	}
	if fr.Terms == nil {
		return out
	}
	for _, t := range fr.Terms.Terms() {
		field, value, ok := strings.Cut(t.Term, facetSeparator)
		if _, known := out[field]; !ok || !known || len(out[field]) >= size {
			continue
		}
		out[field] = append(out[field], FacetValue{Value: value, Count: t.Count})
	}
	return out
}

// readHitText sets the pages and match spans of hits, which bq matched:
// the second pass of search.
func (b *Bleve) readHitText(ctx context.Context, bq query.Query, hits []Hit) error {
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	req := bleve.NewSearchRequestOptions(bleve.NewConjunctionQuery(bq, bleve.NewDocIDQuery(ids)), len(ids), 0, false)
	req.Fields = []string{fieldStoredText}
	req.IncludeLocations = true
	res, err := b.idx.SearchInContext(ctx, req)
	if err != nil {
		return fmt.Errorf("search index for the text of hits: %w", err)
	}
	byID := make(map[string]*search.DocumentMatch, len(res.Hits))
	for _, h := range res.Hits {
		byID[h.ID] = h
	}
	for i := range hits {
		h, ok := byID[hits[i].ID]
		if !ok {
			// Deleted between the passes; the first pass's snapshot still
			// had it. It shows without highlights.
			continue
		}
		stored, _ := h.Fields[fieldStoredText].(string)
		text, err := b.texts.text(stored)
		if err != nil {
			return fmt.Errorf("hit %s: %w", h.ID, err)
		}
		hits[i].Pages, hits[i].Spans = pageSpans(text, h.Locations[fieldText], h.Locations[fieldTextNgram])
	}
	return nil
}

// pageSpans splits the stored text into pages and maps each matched term's
// byte range onto its page; a term that spans a page break (a pair of
// characters either side of it, zh.Bigrams, or a word) is marked on both
// pages, without the page number at the foot of the first.
func pageSpans(text string, maps ...search.TermLocationMap) ([]string, []Span) {
	pages := strings.Split(text, PageSeparator)
	starts := make([]int, len(pages))
	off := 0
	for i, p := range pages {
		starts[i] = off
		off += len(p) + len(PageSeparator)
	}
	var spans []Span
	for _, locs := range maps {
		for _, ls := range locs {
			for _, l := range ls {
				start, end := int(l.Start), int(l.End)
				if start < 0 || end > len(text) || start >= end {
					continue
				}
				for end < len(text) && !utf8.RuneStart(text[end]) {
					end++ // a part's point left out of a full-width one (pairPhraseQuery)
				}
				p := sort.Search(len(starts), func(i int) bool { return starts[i] > start }) - 1
				if p < 0 {
					continue
				}
				for ; p < len(pages) && starts[p] < end; p++ {
					from, to := max(start, starts[p]), min(end, starts[p]+len(pages[p]))
					if end > to {
						// It runs onto the next page past the page
						// number at this one's foot, which it leaves.
						to = min(to, starts[p]+zh.FootStart(pages, p))
					}
					if from < to {
						spans = append(spans, Span{Page: p + 1, Start: from - starts[p], End: to - starts[p]})
					}
				}
			}
		}
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].Page != spans[j].Page {
			return spans[i].Page < spans[j].Page
		}
		if spans[i].Start != spans[j].Start {
			return spans[i].Start < spans[j].Start
		}
		return spans[i].End > spans[j].End
	})
	// A place found twice (a bare number's value token and its pairs)
	// is listed once.
	return pages, slices.Compact(spans)
}
