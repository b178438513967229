package catalog

import (
	"slices"
	"strings"
	"time"
	"unicode"
)

// Status is where a document is in the ingest pipeline.
type Status string

// Document statuses, in pipeline order; failed can follow any of them.
const (
	StatusStored    Status = "stored"    // original saved, text not yet extracted
	StatusExtracted Status = "extracted" // text saved, not yet (re)indexed
	StatusIndexed   Status = "indexed"   // searchable
	StatusFailed    Status = "failed"    // Error says why; the original stays downloadable
)

// DocType is the kind of evidence a document is.
type DocType string

// The document types of the monitoring work, with their Chinese names in
// DocTypeLabels.
const (
	DocPolicy        DocType = "policy"
	DocWorkSummary   DocType = "work_summary"
	DocMeetingNotice DocType = "meeting_notice"
	DocPressReport   DocType = "press_report"
	DocHonor         DocType = "honor"
	DocCase          DocType = "case"
	DocStatistics    DocType = "statistics"
	DocOther         DocType = "other"
)

// DocTypes lists every document type in display order.
var DocTypes = []DocType{DocPolicy, DocWorkSummary, DocMeetingNotice, DocPressReport, DocHonor, DocCase, DocStatistics, DocOther}

// DocTypeLabelsEN are the types' names on English pages and exports.
var DocTypeLabelsEN = map[DocType]string{
	DocPolicy: "Policy document", DocWorkSummary: "Work summary", DocMeetingNotice: "Meeting notice",
	DocPressReport: "Press report", DocHonor: "Award notice", DocCase: "Typical case",
	DocStatistics: "Statistics", DocOther: "Other",
}

// DocTypeLabels are the Chinese names users know the types by.
var DocTypeLabels = map[DocType]string{
	DocPolicy:        "政策文件",
	DocWorkSummary:   "工作总结",
	DocMeetingNotice: "会议通知",
	DocPressReport:   "新闻报道",
	DocHonor:         "荣誉表彰",
	DocCase:          "典型案例",
	DocStatistics:    "统计数据",
	DocOther:         "其他",
}

// ParseDocType accepts a type code or its Chinese name.
func ParseDocType(s string) (DocType, error) {
	for _, t := range DocTypes {
		if s == string(t) || s == DocTypeLabels[t] {
			return t, nil
		}
	}
	return "", FieldErrorf("doc_type", EINVALID, "未知的文件类型 %q；可选：policy（政策文件）、work_summary（工作总结）、meeting_notice（会议通知）、press_report（新闻报道）、honor（荣誉表彰）、case（典型案例）、statistics（统计数据）、other（其他）", s)
}

// Document is one uploaded file of evidence and what is known about it.
type Document struct {
	ID         string
	SHA256     string
	Size       int64
	MIME       string
	Format     string // extractor format: pdf, docx, txt, html
	Filename   string // sanitised base name, never a path
	Title      string
	DocType    DocType
	City       string
	Department string
	Issuer     string
	IssuedOn   string // YYYY-MM-DD, or "" when unknown
	DocNumber  string // 文号, e.g. 杭政办〔2016〕12号
	Round      string // monitoring round, e.g. "2017"
	Status     Status
	Error      string // why the document failed, in words a coordinator understands
	// ErrorEnglish is Error in English for the English pages; "" when the
	// reason has no English (not translated, or recorded before the
	// English was kept), and then Error is shown.
	ErrorEnglish string
	Pages        int
	UploadedBy   string
	UploadedAt   time.Time
	Seq          int64 // increases on every change, so a follower index can catch up
	Reading      Reading
	// ExtractedFields names the fields (FieldTitle, FieldDocNumber, …,
	// FieldRound) filled automatically rather than typed by the uploader:
	// read from the text, or the round inferred from the date.
	ExtractedFields []string
	// DocNumberRead is what OCR read where the 文号 read from the text
	// (DocNumber, FieldDocNumber extracted) was inferred rather than read
	// as written (教发〔2023〕125 for 教发〔2023〕12号: the last digit taken
	// for the 号): a guess that a person should check. "" otherwise, and
	// once the 文号 is edited or read again as written.
	DocNumberRead string
	// DocNumberWritten is the 文号 as the document writes it, read from
	// the text, or as a person typed it (upload, edit), where DocNumber,
	// its year in 〔〕 for matching, differs (杭教成[2017]15号,
	// 杭教成（2017）15号 for 杭教成〔2017〕15号): what a page shows
	// (DocNumberAsWritten). "" otherwise, and once the 文号 is edited to
	// one typed in 〔〕 or read again so.
	DocNumberWritten string
	// EditedFields names the fields a person gave a new value by an edit
	// (emptied included): no reading of the text writes over them.
	EditedFields []string
	// Archive is the file name of the archive (ZIP, RAR, 7z) the document's
	// file was unpacked from when it was stored, so that a coordinator
	// can tell which department's package it came in; "" for a file
	// uploaded alone, and for documents stored before it was recorded
	// (migration 037). A later upload of the same bytes leaves it as it is.
	Archive string
}

// Page sources, one per page in Reading.PageSources.
const (
	SourceText = "text" // the file's own text layer or markup
	SourceOCR  = "ocr"  // optical character recognition of the page image
	// SourceUnreadable is a page whose text layer gave only garbage (a
	// damaged font or stream) and that OCR did not read: it is empty and
	// search does not find its words.
	SourceUnreadable = "unreadable"
	// SourceOCRLow is a page read by OCR with a mean word confidence under
	// LowOCRConfidence: a blurred or shaken photo, a faint copy. Its text
	// is kept and indexed (its right words can still be found) but is
	// mostly misread, so it fills no field automatically and takes no part
	// in finding near duplicates, and the coordinator is asked for a better
	// photo or the original file.
	SourceOCRLow = "ocr-low"
	// SourceGarbled is a page of a text file or a spreadsheet whose text is
	// mojibake that could not be turned back (UTF-8 Chinese read as
	// Windows-1252 and saved with bytes lost: 2018å¹´ç¤¾åŒº…): kept and
	// indexed as it is, but, like SourceOCRLow, it fills no field, takes no
	// part in finding near duplicates, and the contributor is asked for
	// the original file.
	SourceGarbled = "garbled"
	// SourceOCRSkipped is a page that OCR should have read (its picture
	// has words its text layer lacks) but did not: the document had more
	// such pages than OCR reads of one file (extract.Limits.MaxOCRPages),
	// and the pages after the cap were left out. The page keeps what its
	// text layer had (a page number, a stamp's caption, or nothing), which
	// is indexed as any text; search does not find the words of its
	// picture, and the document page names these pages.
	SourceOCRSkipped = "ocr-skipped"
)

// LowOCRConfidence is the mean word confidence (0–1) under which a page
// read by OCR is SourceOCRLow. Tesseract reads real scans and photos of
// the fixtures at 0.63–0.93 and a photo blurred past reading at 0.19–0.25,
// its words then mostly Latin letters and signs that are on no page.
const LowOCRConfidence = 0.5

// TrustedPages returns pages with the text of the pages read with low
// confidence (SourceOCRLow, PageSource) or left as mojibake
// (SourceGarbled) left out, for the uses that must not take misread text
// for the document's words: fields read from the text and near-duplicate
// fingerprints. pages itself is not changed.
func (r Reading) TrustedPages(pages []string) []string {
	if !r.Unreliable() {
		return pages
	}
	out := slices.Clone(pages)
	for i := range out {
		if Untrusted(r.PageSource(i)) {
			out[i] = ""
		}
	}
	return out
}

// Reading is how a document's pages were read, known once it is
// extracted.
type Reading struct {
	PageSources   []string // SourceText, SourceOCR, SourceOCRLow, SourceGarbled, SourceUnreadable or SourceOCRSkipped per page; nil when every page is text
	OCRConfidence *float64 // mean recognition confidence (0–1) over OCR'd pages; nil without OCR
	SealPages     []int    // 1-based pages with a red official seal (公章)
}

// Untrusted says whether a page read as source is mostly wrong as read:
// OCR read it with low confidence (SourceOCRLow) or it is mojibake no
// reader could undo (SourceGarbled). With PageSource it is the one rule
// of unreliable text: TrustedPages leaves such pages out, the head reader
// passes over them (extract headOf), the document page says so of each,
// and 我的任务 and the board call a document with one unreliable
// (UnreliableSource).
func Untrusted(source string) bool {
	return source == SourceOCRLow || source == SourceGarbled
}

// PageSource returns how page i (from 0) was read, as the rule of
// unreliable text takes it: as recorded ("text" when nothing was), but a
// page OCR read for a reading made before pages were marked
// SourceOCRLow, whose mean confidence is under LowOCRConfidence, is
// SourceOCRLow too. Which of that scan's pages pulled the mean down was
// not recorded, and today's reader marks at least one of them (the mean
// leaves out blank pages, as the marks do), so without this the scan
// read worst, before the marks, would be the one called sound.
func (r Reading) PageSource(i int) string {
	if i < 0 || i >= len(r.PageSources) {
		return SourceText
	}
	if s := r.PageSources[i]; s != SourceOCR || !r.lowUnmarked() {
		return s
	}
	return SourceOCRLow
}

// lowUnmarked says whether r's OCR reading has a low mean confidence and
// no page marked SourceOCRLow: one made before the marks existed.
func (r Reading) lowUnmarked() bool {
	return r.OCRConfidence != nil && *r.OCRConfidence < LowOCRConfidence && !slices.Contains(r.PageSources, SourceOCRLow)
}

// UnreliableSource returns why the document's text is unreliable, by
// Untrusted of each PageSource: SourceOCRLow when a page was read by OCR
// with low confidence, else SourceGarbled when a page is mojibake, ""
// when every page can be trusted. It judges by the pages, as
// TrustedPages does, so that a document is called unreliable exactly
// when a page of it is left out.
func (r Reading) UnreliableSource() string {
	why := ""
	for i := range r.PageSources {
		switch s := r.PageSource(i); {
		case s == SourceOCRLow:
			return SourceOCRLow
		case Untrusted(s):
			why = s
		}
	}
	return why
}

// Unreliable says whether any page's text is mostly wrong as read
// (UnreliableSource).
func (r Reading) Unreliable() bool {
	return r.UnreliableSource() != ""
}

// OCRSkippedPages returns the pages (from 1, ascending) OCR left out
// past the pages it reads of one file (SourceOCRSkipped); nil when it
// read every page it should have. Their pictures' words are not
// searched, so the document page, 我的任务 and the board name them, and
// 确认's question covers them (a file read again into or out of the cap
// after the board showed it is asked about again).
func (r Reading) OCRSkippedPages() []int {
	var pages []int
	for i, s := range r.PageSources {
		if s == SourceOCRSkipped {
			pages = append(pages, i+1)
		}
	}
	return pages
}

// ByOCR says whether any page was read by OCR.
func (r Reading) ByOCR() bool {
	return slices.Contains(r.PageSources, SourceOCR) || slices.Contains(r.PageSources, SourceOCRLow)
}

// ErrorIn is why the document failed, in English when english is set and
// the reason has an English version, else in Chinese.
func (d *Document) ErrorIn(english bool) string {
	if english && d.ErrorEnglish != "" {
		return d.ErrorEnglish
	}
	return d.Error
}

// Year is the year the document belongs to: the year of issue, or else the
// monitoring round; 0 when neither is known.
func (d *Document) Year() int {
	for _, s := range []string{d.IssuedOn, d.Round} {
		if len(s) >= 4 {
			y := 0
			for _, c := range s[:4] {
				if c < '0' || c > '9' {
					y = -1
					break
				}
				y = y*10 + int(c-'0')
			}
			if y > 0 {
				return y
			}
		}
	}
	return 0
}

// MonitoringRound is the monitoring round the document belongs to as the
// coverage counts it (ofDocumentRound): its round, or without one the
// year it was issued; "" when neither is known.
func (d *Document) MonitoringRound() string {
	if d.Round != "" {
		return d.Round
	}
	if len(d.IssuedOn) >= 4 {
		return d.IssuedOn[:4]
	}
	return ""
}

// OriginalKey is the blob key of the document's original bytes.
func OriginalKey(sha256 string) string { return "originals/" + sha256 }

// TextKey is the blob key of the document's extracted text.
func TextKey(sha256 string) string { return "text/" + sha256 + ".json" }

// Submission records that someone submitted a document's bytes; the same
// bytes sent again by another department add a submission, not a document.
type Submission struct {
	DocumentID string
	User       string
	Department string
	Filename   string
	At         time.Time
	// Assignment is the id of the responsibility task the bytes were
	// handed in for; "" for an upload for no task, or a submission from
	// before tasks were recorded with it that could not be told.
	Assignment string
	// Role is the submitter's role when they submitted it, recorded with
	// the submission (the caller gives it: the uploader's account's role
	// at that moment); "" when not known. A coordinator's or an admin's
	// hand-in for a department's task is told by it, not by the
	// department it was filed under, and a role changed later does not
	// rewrite who handed what in. Submissions from before it was recorded
	// were given the account's role at migration 033.
	Role Role
	// Node is the node whose upload writes a hand-in (ingest.Config.Node),
	// so that the others can abandon it once that node has stopped
	// (AbandonStoppedNodesHandIns); "" for none known, which only age
	// abandons (UnknownNodeHandInAge).
	Node string
}

// DocumentFilter selects documents for listing; empty fields match all.
type DocumentFilter struct {
	City      string
	Cities    []string // when not nil, only these cities (the scope's list)
	Status    Status
	DocType   DocType
	Indicator string // linked to this indicator code
	Round     string // of this monitoring round (a year)
	Sort      DocumentSort
	Limit     int // default 50, at most 500
	Offset    int
	// After, when not empty, is a DocumentCursor of this Sort: only the
	// documents after it are listed (Offset counts from there).
	After string
	// Before, when not empty, is a DocumentCursor of this Sort: the Limit
	// documents just before it are listed (in the listing's order), the
	// page before a page that starts there.
	Before string
}

// DocumentSort orders a document listing.
type DocumentSort string

// The orders of a document listing: newest upload first (the default),
// or newest 成文日期 first with undated documents last.
const (
	SortUploaded DocumentSort = "uploaded"
	SortIssued   DocumentSort = "issued"
)

// City is a city taking part in monitoring, by its GB/T 2260 code.
type City struct {
	Code string
	Name string
}

// Role is what a user may do; see DESIGN.md.
type Role string

// The roles of the archive.
const (
	RoleAdmin       Role = "admin"
	RoleCoordinator Role = "coordinator"
	RoleExpert      Role = "expert"
	RoleReviewer    Role = "reviewer"
	// RoleContributor is a department of one city (责任单位) that hands in
	// evidence for the key indicators assigned to it.
	RoleContributor Role = "contributor"
)

// roleWords are the roles as people call them.
var roleWords = map[Role]Words{
	RoleAdmin:       {Chinese: "管理员", English: "administrator"},
	RoleCoordinator: {Chinese: "协调员", English: "coordinator"},
	RoleExpert:      {Chinese: "专家", English: "expert"},
	RoleReviewer:    {Chinese: "审核专家", English: "reviewer"},
	RoleContributor: {Chinese: "部门联系人", English: "department contributor"},
}

// Words is the role as people call it in each language (协调员,
// coordinator), for messages; an unknown role is its code.
func (r Role) Words() Words {
	if w, ok := roleWords[r]; ok {
		return w
	}
	return Words{Chinese: string(r), English: string(r)}
}

// Label is the role as a label names it, on the web and on the command
// line (协调员, Coordinator): Words, the English capitalised; an unknown
// role is its code.
func (r Role) Label(english bool) string {
	w, ok := roleWords[r]
	switch {
	case !ok:
		return string(r)
	case english:
		return strings.ToUpper(w.English[:1]) + w.English[1:]
	}
	return w.Chinese
}

// ParseRole validates a role name.
func ParseRole(s string) (Role, error) {
	switch r := Role(s); r {
	case RoleAdmin, RoleCoordinator, RoleExpert, RoleReviewer, RoleContributor:
		return r, nil
	}
	return "", Errorf(EINVALID, "未知的角色 %q；可选：admin、coordinator、expert、reviewer、contributor", s)
}

// User is an account.
type User struct {
	Username   string
	Role       Role
	City       string // coordinators and contributors only
	Department string // required for contributors: the 责任单位 they answer for
	// Cities limits a reviewer to these cities (GB/T 2260 codes); empty
	// means every city. Only reviewers have it.
	Cities    []string
	Disabled  bool
	CreatedAt time.Time
}

// Event is one entry of the append-only audit log.
type Event struct {
	// ID is the event's place in the audit log: a later event has a
	// larger one (EventFilter.Before pages back by it).
	ID     int64
	At     time.Time
	User   string
	Action string // e.g. document.upload, document.duplicate, user.create
	Object string // e.g. the document ID
	// Also names the other objects the event is about (the documents a
	// claim's change cites or stops citing): a search of the log by one
	// of them (EventFilter.Object) finds the event too. It is written
	// with the event and not read back.
	Also   []string
	Detail map[string]any
	// titleKnown says that Detail already holds the title the transaction
	// leaves the event's document with (EventTitle, or none while it is
	// its file's name), so writeEvents need not read it back: the upload
	// knows it, having just inserted the row.
	titleKnown bool
}

// EventTitle is the key of an event's Detail under which an event about a
// document records the document's title when it happened (recordEvent);
// events logged before it was recorded have none.
const EventTitle = "doc_title"

// EventDepartment is the key of an event's Detail under which an event
// about a task (object "assignment:ID") records the name its 责任单位 had
// when it happened (recordEvent): a department renamed later would
// otherwise rename it in the history too. Events logged before it was
// recorded have none, and are shown with today's name.
const EventDepartment = "department_name"

// documentEventKinds are the kinds of audit event (the action's part
// before its dot) whose object is a bare document ID.
var documentEventKinds = map[string]bool{"document": true, "link": true, "note": true}

// DocumentID is the ID of the document e is about: its object under the
// prefix document:, or a bare object of a document, link or note event;
// false for an event about anything else.
func (e Event) DocumentID() (string, bool) {
	if id, ok := strings.CutPrefix(e.Object, "document:"); ok {
		return id, true
	}
	if strings.Contains(e.Object, ":") {
		return "", false
	}
	if kind, _, _ := strings.Cut(e.Action, "."); documentEventKinds[kind] {
		return e.Object, true
	}
	return "", false
}

// UploaderRoles are the roles that may upload documents; the route tables
// refuse every other role before reading a request's body, and
// ingest.Service.Upload applies the same rule through CanUpload.
var UploaderRoles = []Role{RoleAdmin, RoleCoordinator, RoleContributor}

// CanUpload reports whether u's role may upload documents at all (which
// city it may upload for is CanEdit's rule).
func (u *User) CanUpload() bool { return slices.Contains(UploaderRoles, u.Role) }

// CanEdit returns nil when u may change documents, links and claims of
// city (admins, and the city's coordinators), else EFORBIDDEN.
//
// Contributors never pass: they hand in documents only against their own
// assignments, a right the assignments service grants task by task
// (ingest.Service.Upload asks it), and cannot change other documents.
func (u *User) CanEdit(city string) error {
	switch {
	case u.Role == RoleAdmin:
		return nil
	case u.Role == RoleCoordinator && u.City == city:
		return nil
	case u.Role == RoleContributor:
		return Errorf(EFORBIDDEN, "部门联系人只能在“我的任务”中针对本部门的任务提交材料，不能修改材料、指标关联和定性描述")
	}
	return Errorf(EFORBIDDEN, "只有本市协调员或管理员可以修改该城市的材料、指标关联和定性描述")
}

// SplitList reads a list the way people type one — indicator codes, city
// codes — separated by commas of either width, 、 or spaces.
func SplitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == '，' || r == '、' || unicode.IsSpace(r)
	})
}
