package packs

import (
	"archive/zip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"slices"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/report"
)

// Documents is what a pack needs of the catalog: its documents by id,
// deleted or not (a claim may cite a document deleted since), all in one
// call however many the round has (ids of no document are left out); and
// NewestActions, what the audit log last said of their originals
// (ingest.FlaggedOriginals).
//
// WholeOriginals and RecordOriginalVerdicts keep what packs found hashing
// originals (the stored object's version each was whole at), so that a
// pack does not hash again what a pack before it, in this process or
// another, found whole and unchanged since; RecordEvent writes the audit
// entry that clears the damaged flag of an original a pack found whole.
type Documents interface {
	DocumentsAnyStateByID(ctx context.Context, ids []string) (map[string]*catalog.Document, error)
	NewestActions(ctx context.Context, objects []string, prefix string) (map[string]string, error)
	WholeOriginals(ctx context.Context, shas []string) (map[string]string, error)
	RecordOriginalVerdicts(ctx context.Context, whole map[string]string, damaged []string) error
	RecordEvent(ctx context.Context, e catalog.Event) error
}

// Service writes evidence packs within the caller's city scope.
type Service struct {
	reports *report.Service
	docs    Documents
	blobs   blob.Store
	now     func() time.Time
	// verified is what the service's packs found damaged hashing
	// originals, shared by them (CheckOriginals); budget bounds that
	// hashing.
	verified *verified
	budget   time.Duration
}

// NewService returns the pack service over the report service, the
// catalog's documents and the blob store holding the originals.
func NewService(reports *report.Service, docs Documents, blobs blob.Store) *Service {
	return &Service{reports: reports, docs: docs, blobs: blobs, now: time.Now, verified: newVerified(), budget: DefaultCheckBudget}
}

// SetCheckBudget sets how long a pack hashes its originals before its
// first byte at most (CheckOriginals; DefaultCheckBudget unless set).
func (s *Service) SetCheckBudget(d time.Duration) { s.budget = d }

// Pack is a city's round, ready to be written: the report and the
// documents it cites or links, each with the indicators it backs. It is
// written in its report's language (Report.Lang, Chinese unless set):
// the report, the README, the manifest's own titles and the pack's file
// name; the originals keep the names of the user's documents.
type Pack struct {
	Report *report.Report
	Docs   []PackedDocument
	By     string
	At     time.Time
	// Indicator, when set by Only, is the one key indicator whose
	// originals the pack holds.
	Indicator string

	blobs    blob.Store
	docs     Documents
	verified *verified
	budget   time.Duration
	// user is who asked for the pack, for the audit log; known is what
	// the catalog records of its originals hashed whole (knownWhole), and
	// unrecorded what of its verdicts the catalog could not record.
	user       string
	known      map[string]string
	unrecorded error
	cleared    []*catalog.Document
}

// PackedDocument is one document of a pack.
type PackedDocument struct {
	Document   *catalog.Document
	Indicators []string
	// Ties are how the document is tied to each of Indicators
	// (report.DocumentUse): the manifest marks an indicator whose tie is
	// not sound (tieMarks), so that a citation a reviewer rejected or a
	// quote the document lacks is not passed off as support.
	Ties map[string]report.Tie
	// Withdrawn is true when the document was deleted (撤回) after it was
	// linked or cited: it is still packed, and the manifest marks it as
	// the report does, so nobody takes it for evidence.
	Withdrawn bool
	// ToConfirm is true when the document is in the round only through
	// what was carried over from the last round and not confirmed yet
	// (待确认): the manifest marks it as the report does (CarriedMark).
	ToConfirm bool
	// OriginalFlagged is true when the original was found damaged or
	// missing (by a download, a pack or evidence check) and not mended
	// since: CheckOriginals hashes it first, and always.
	OriginalFlagged bool
}

// Prepare gathers a pack for city and round (0: the current round) for u.
// A city u may not see is ENOTFOUND, exactly as for the report. Nothing is
// read from the blob store yet, so an error here comes before any byte of
// the pack.
func (s *Service) Prepare(ctx context.Context, u *catalog.User, city string, round int) (*Pack, error) {
	rep, err := s.reports.Build(ctx, u, city, round)
	if err != nil {
		return nil, err
	}
	p := &Pack{Report: rep, By: u.Username, At: s.now(), blobs: s.blobs, docs: s.docs, verified: s.verified, budget: s.budget, user: u.Username}
	uses := rep.Documents()
	ids := make([]string, len(uses))
	for i, use := range uses {
		ids[i] = use.DocumentID
	}
	docs, err := s.docs.DocumentsAnyStateByID(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("pack documents: %w", err)
	}
	for _, use := range uses {
		d := docs[use.DocumentID]
		if d == nil {
			return nil, fmt.Errorf("pack document %s: %w", use.DocumentID, catalog.Errorf(catalog.ENOTFOUND, "文档 %s 不存在", use.DocumentID))
		}
		if d.City != rep.City.Code {
			continue // evidence is always the city's own; never ship another city's file
		}
		p.Docs = append(p.Docs, PackedDocument{Document: d, Indicators: use.Indicators, Ties: use.Ties, Withdrawn: use.Withdrawn, ToConfirm: use.ToConfirm})
	}
	packed := make([]string, len(p.Docs))
	for i, pd := range p.Docs {
		packed[i] = pd.Document.ID
	}
	flagged, err := ingest.FlaggedOriginals(ctx, s.docs, packed)
	if err != nil {
		return nil, fmt.Errorf("pack documents: %w", err)
	}
	for i := range p.Docs {
		p.Docs[i].OriginalFlagged = flagged[p.Docs[i].Document.ID]
	}
	return p, nil
}

// Only narrows the pack to the originals behind one key indicator (a
// coordinator sending an expert the evidence of 2.3.1); the report in it
// stays whole. A code that is no key indicator of the framework is
// EINVALID.
func (p *Pack) Only(code string) error {
	found := false
	for _, a := range p.Report.Areas {
		for _, it := range a.Items {
			found = found || it.Indicator.Code == code
		}
	}
	if !found {
		return catalog.Errorf(catalog.EINVALID, "%s 不是当前指标体系的关键指标（三级指标）", code)
	}
	var docs []PackedDocument
	for _, pd := range p.Docs {
		if slices.Contains(pd.Indicators, code) {
			docs = append(docs, pd)
		}
	}
	p.Docs, p.Indicator = docs, code
	return nil
}

// Filename is the pack's file name: city, round, and the indicator when
// the pack holds only its originals, in the report's language.
func (p *Pack) Filename() string {
	if p.Report.Lang == report.English {
		name := fmt.Sprintf("evidence-pack-%s-%d", p.Report.City.EnglishName(), p.Report.Round)
		if p.Indicator != "" {
			name += "-" + p.Indicator
		}
		return name + ".zip"
	}
	if p.Indicator != "" {
		return fmt.Sprintf("佐证材料包-%s-%d-%s.zip", p.Report.City.Name, p.Report.Round, p.Indicator)
	}
	return fmt.Sprintf("佐证材料包-%s-%d.zip", p.Report.City.Name, p.Report.Round)
}

// WriteTo streams the pack as a ZIP to w: the originals one by one from
// the blob store, the report, the README and last the manifest. It holds
// at most one file's buffers at a time, never a whole original. A failure
// part-way (a missing or damaged original, a cancelled context, w failing)
// returns an error; what was written to w by then is not a valid ZIP.
//
// Each original's hash on the way is a verdict as CheckOriginals' are:
// kept in the catalog by the stored object's version (whole, or dropped
// when damaged), and an original the catalog flagged damaged that is sent
// whole has its flag cleared, said in the audit log.
func (p *Pack) WriteTo(ctx context.Context, w io.Writer) error {
	if _, err := p.knownWhole(ctx); err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	var entries []Entry
	v := newVerdicts()
	defer p.keep(context.WithoutCancel(ctx), v)
	for i := range p.Docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		e, err := p.writeOriginal(ctx, zw, &p.Docs[i], v)
		if err != nil {
			return err
		}
		entries = append(entries, e)
	}
	sum, err := p.writeFile(zw, "report.xlsx", zip.Deflate, p.Report.WriteXLSX)
	if err != nil {
		return fmt.Errorf("pack report: %w", err)
	}
	entries = append(entries, Entry{Path: "report.xlsx", SHA256: sum, Title: p.words("监测报告", "Monitoring report")})
	sum, err = p.writeFile(zw, ReadmeName, zip.Deflate, func(w io.Writer) error { return writeReadme(w, p) })
	if err != nil {
		return fmt.Errorf("pack readme: %w", err)
	}
	entries = append(entries, Entry{Path: ReadmeName, SHA256: sum, Title: p.words("核验说明", "How to verify the pack")})
	if _, err := p.writeFile(zw, ManifestName, zip.Deflate, func(w io.Writer) error { return writeManifest(w, entries, p.Report.Lang) }); err != nil {
		return fmt.Errorf("pack manifest: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("finish pack: %w", err)
	}
	return nil
}

// writeOriginal copies one original from the blob store into the pack and
// checks its bytes against the SHA-256 the catalog holds, adding what it
// found to v.
func (p *Pack) writeOriginal(ctx context.Context, zw *zip.Writer, pd *PackedDocument, v *verdicts) (Entry, error) {
	d := pd.Document
	rc, version, err := p.openOriginal(ctx, d)
	if err != nil {
		return Entry{}, fmt.Errorf("pack original of %s: %w", d.ID, err)
	}
	defer rc.Close()
	name := originalPath(d)
	method := zip.Deflate
	if compressed[extension(d)] {
		method = zip.Store
	}
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: d.UploadedAt.In(catalog.ChinaTime)})
	if err != nil {
		return Entry{}, fmt.Errorf("pack %s: %w", name, err)
	}
	h := sha256.New()
	if _, err := io.Copy(io.MultiWriter(fw, h), rc); err != nil {
		return Entry{}, fmt.Errorf("pack original of %s: %w", d.ID, err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != d.SHA256 {
		if p.verified != nil {
			p.verified.record(d.SHA256, false) // the next pack hashes it first
		}
		v.damaged = append(v.damaged, d.SHA256)
		return Entry{}, &DamagedError{Document: d, err: catalog.Errorf(catalog.EINTERNAL, "文档 %s 的原件已损坏（SHA-256 为 %s，应为 %s）；请运行 evidence check", d.ID, got, d.SHA256)}
	}
	v.whole[d.SHA256] = version
	if pd.OriginalFlagged {
		pd.OriginalFlagged = false
		v.cleared = append(v.cleared, d)
	}
	title := d.Title
	if pd.Withdrawn {
		title += p.words(report.Withdrawn, " (document deleted)")
	} else if pd.ToConfirm {
		title += p.words(report.CarriedMark, " (carried over from the last round, to confirm)")
	}
	return Entry{Path: name, SHA256: d.SHA256, DocumentID: d.ID, Title: title, DocNumber: catalog.DocNumberAsWritten(d), DocNumberFrom: docNumberSourceOf(d),
		Indicators: p.indicatorCells(pd)}, nil
}

// tieMarks follow, in the manifest, an indicator the document is cited
// for but does not support, saying why.
var tieMarks = map[report.Tie]catalog.Words{
	report.TieVerifiedQuoteNotFound: {Chinese: "（已核实，引文在文字中未找到）", English: " (verified; quote not found in the text)"},
	report.TieValueNotFound:         {Chinese: "（数值未在引文中找到）", English: " (number not found in its quote)"},
	report.TieQuoteNotFound:         {Chinese: "（引文未找到）", English: " (quote not found)"},
	report.TieInsufficient:          {Chinese: "（证据不足）", English: " (insufficient evidence)"},
	report.TieContradicted:          {Chinese: "（与证据矛盾）", English: " (contradicted by the evidence)"},
	report.TieReturned:              {Chinese: "（本轮已退回）", English: " (returned this round)"},
}

// indicatorCells are pd's indicators as the manifest lists them: those it
// supports as they are, the others marked (1.1.2（证据不足）). They are
// kept, not left out: report.xlsx lists the same citations under those
// indicators with their verdicts, and an assessor matching the two should
// find the file in both, told not to count it.
func (p *Pack) indicatorCells(pd *PackedDocument) []string {
	out := make([]string, len(pd.Indicators))
	for i, code := range pd.Indicators {
		out[i] = code
		if m, ok := tieMarks[pd.Ties[code]]; ok {
			out[i] += p.words(m.Chinese, m.English)
		}
	}
	return out
}

// openOriginal opens d's stored original by the version Stat names (""
// when the store names none, or the object was put again between the
// two: read as it is now), so that what its hash finds is said of that
// version.
func (p *Pack) openOriginal(ctx context.Context, d *catalog.Document) (io.ReadCloser, string, error) {
	key := catalog.OriginalKey(d.SHA256)
	info, err := p.blobs.Stat(ctx, key)
	if err != nil {
		return nil, "", err
	}
	rc, err := p.blobs.GetRange(ctx, key, 0, -1, info.Version)
	if errors.Is(err, blob.ErrChanged) {
		rc, err = p.blobs.Get(ctx, key)
		info.Version = ""
	}
	return rc, info.Version, err
}

// writeFile adds a file the archive makes (report, README, manifest) and
// returns its SHA-256.
func (p *Pack) writeFile(zw *zip.Writer, name string, method uint16, write func(io.Writer) error) (string, error) {
	fw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: p.At.In(catalog.ChinaTime)})
	if err != nil {
		return "", err
	}
	h := sha256.New()
	if err := write(io.MultiWriter(fw, h)); err != nil {
		return "", err
	}
	return sum(h), nil
}

// words is the Chinese or the English, in the pack's language (its
// report's).
func (p *Pack) words(chinese, english string) string {
	if p.Report.Lang == report.English {
		return english
	}
	return chinese
}

func sum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }
