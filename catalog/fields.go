package catalog

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// The document fields that can be filled without the uploader, as named
// in Document.ExtractedFields and the API's extracted_fields.
const (
	FieldTitle     = "title"
	FieldDocNumber = "doc_number"
	FieldIssuer    = "issuer"
	FieldIssuedOn  = "issued_on"
	FieldRound     = "round"
)

// DefaultTitle is the title of a document whose uploader typed none: its
// file name without the extension. A document whose title is still its
// DefaultTitle counts as untitled, so the title read from its text may
// replace it.
func DefaultTitle(filename string) string {
	return strings.TrimSuffix(filename, path.Ext(filename))
}

// FieldFill holds fields read from a document's text, to fill those the
// uploader left empty.
type FieldFill struct {
	Title, DocNumber, Issuer, IssuedOn string // "" when the text does not have it
	// DocNumberRead is what OCR read where DocNumber was inferred from it
	// (Document.DocNumberRead); "" when DocNumber is read as written.
	DocNumberRead string
	// DocNumberWritten is DocNumber as the document writes it where that
	// differs (Document.DocNumberWritten); kept only when it folds to
	// DocNumber (DocNumberForm), so that matching never depends on it.
	DocNumberWritten string
	// Revision is the revision of the reader that read them (ingest/fields
	// Revision), recorded as the document's fields_revision.
	Revision int
}

// IsExtracted reports whether field was filled automatically rather than
// typed (or confirmed by an edit).
func (d *Document) IsExtracted(field string) bool {
	return slices.Contains(d.ExtractedFields, field)
}

func encodeFields(fields []string) string { return strings.Join(fields, ",") }

// docNumberReadMark begins the entry of extracted_fields that keeps
// Document.DocNumberRead, after the names of the fields: the column
// holds it so that marking a 文号 a guess needs no new column. What OCR
// read of a 文号 holds no comma (its prefix, brackets, year and digits);
// one that would is not kept.
const docNumberReadMark = "doc_number_read="

// docNumberWrittenMark begins the entry of extracted_fields that keeps
// Document.DocNumberWritten, as docNumberReadMark keeps what OCR read: a
// 文号 as written holds no comma either.
const docNumberWrittenMark = "doc_number_written="

// docNumberMarks are what extracted_fields keeps of a 文号 read from the
// text beside the names of the fields: what OCR read where it was
// inferred (Document.DocNumberRead) and how the document writes it
// (Document.DocNumberWritten).
type docNumberMarks struct{ read, written string }

// DocNumberGuess says, in both languages, that d's 文号 was inferred
// from what OCR read off a scan (DocNumberRead), or from a text that
// has the same, and should be checked; empty Words when it was read as
// written, typed or edited.
func DocNumberGuess(d *Document) Words {
	if d.DocNumberRead == "" || !d.IsExtracted(FieldDocNumber) {
		return Words{}
	}
	if !d.Reading.ByOCR() {
		// The same misreading typed into a text: still a guess.
		return Words{
			Chinese: fmt.Sprintf("文号由文中文字推断（原文为“%s”），请核对", d.DocNumberRead),
			English: fmt.Sprintf("The document number (文号) was inferred from the text (which has “%s”); please check it", d.DocNumberRead),
		}
	}
	return Words{
		Chinese: fmt.Sprintf("文号由扫描件识别推断（原识别为“%s”），请核对", d.DocNumberRead),
		English: fmt.Sprintf("The document number (文号) was inferred from what OCR read off the scan (it read “%s”); please check it", d.DocNumberRead),
	}
}

// DocNumberGuessRead is what was read where d's 文号 was inferred from
// it (DocNumberRead when DocNumberGuess has words), "" when the 文号 was
// read as written, typed or edited: what a list needs to mark a guess.
func DocNumberGuessRead(d *Document) string {
	if DocNumberGuess(d).Chinese == "" {
		return ""
	}
	return d.DocNumberRead
}

// DocNumberGuessWords say that a 文号 is a guess (DocNumberGuess): the
// one wording of every mark, DocNumberGuessMark's and the web's, so that
// no page and no file words it differently.
var DocNumberGuessWords = Words{Chinese: "推断，请核对", English: "inferred; please check"}

// DocNumberGuessMark follows a 文号 that is a guess (DocNumberGuess)
// where a list shows it as one cell or line: a search hit, the report, an
// export. A pack's manifest says it in a column of its own instead, so
// that its 文号 cell can be matched as typed. Where the 文号 is itself in
// brackets after a name, the words go inside them after a comma: two
// brackets in a row read as two remarks.
var DocNumberGuessMark = Words{Chinese: "（" + DocNumberGuessWords.Chinese + "）", English: " (" + DocNumberGuessWords.English + ")"}

// DocNumberShown is d's 文号 as a list shows it, in both languages: as
// the document writes it (DocNumberAsWritten), with DocNumberGuessMark
// after it when it is a guess, so that no list states a guess as fact;
// empty when d has none.
func DocNumberShown(d *Document) Words {
	if d.DocNumber == "" {
		return Words{}
	}
	number := DocNumberAsWritten(d)
	if DocNumberGuess(d).Chinese == "" {
		return Words{Chinese: number, English: number}
	}
	return Words{Chinese: number + DocNumberGuessMark.Chinese, English: number + DocNumberGuessMark.English}
}

// DocNumberAsWritten is d's 文号 as a page, a list or an export shows
// it: as the document writes it when it was read from the text, or as
// the person who typed it wrote it (Document.DocNumberWritten:
// 杭教成[2017]15号 stays so, for the coordinator who checks it against
// the paper, also once confirmed), else in DocNumberForm. d.DocNumber,
// its year in 〔〕, stays what a 文号 is matched by.
func DocNumberAsWritten(d *Document) string {
	if d.DocNumberWritten != "" && DocNumberForm(d.DocNumberWritten) == d.DocNumber {
		return d.DocNumberWritten
	}
	return DocNumberForm(d.DocNumber)
}

// docNumberBrackets finds the year of a 文号 in the brackets people type
// for 〔〕, which no keyboard has: 杭教职成[2017]9号, 【2017】, (2017),
// （2017）, ［2017］, 〖2017〗, ﹝2017﹞, spaces inside as OCR sets them.
var docNumberBrackets = regexp.MustCompile(`(\p{Han})\s*[\[【(（［〖﹝〔]\s*((?:19|20)\d{2})\s*[\]】)）］〗﹞〕]\s*(第?\d{1,5}\s*号)`)

// DocNumberForm is a 文号 as the archive shows it: its year in 〔〕, as
// GB/T 9704 writes it and as a 文号 read from a text is stored
// (杭教职成[2017]9号 → 杭教职成〔2017〕9号); anything else as typed. A
// 文号 typed at upload or in an edit (the form, PATCH) is stored in it;
// one typed before that was not is shown in it, and searching folds the
// brackets alike.
func DocNumberForm(s string) string {
	if !strings.ContainsAny(s, "[【(（［〖﹝〔") {
		return s
	}
	return docNumberBrackets.ReplaceAllString(s, "$1〔$2〕$3")
}

// decodeExtracted splits extracted_fields into the names of the fields
// read from the text and the marks of a 文号 read from it.
func decodeExtracted(s string) (fields []string, marks docNumberMarks) {
	for _, f := range decodeFields(s) {
		if v, ok := strings.CutPrefix(f, docNumberReadMark); ok {
			marks.read = v
			continue
		}
		if v, ok := strings.CutPrefix(f, docNumberWrittenMark); ok {
			marks.written = v
			continue
		}
		fields = append(fields, f)
	}
	return fields, marks
}

// encodeExtracted is extracted_fields for fields and the marks of the
// 文号 number: what OCR read only while the 文号 is one of fields (a
// typed one is no guess); the 文号 as written, read or typed, only when
// it folds to number (DocNumberForm) and differs.
func encodeExtracted(fields []string, number string, marks docNumberMarks) string {
	out := slices.Clip(fields)
	if marks.read != "" && !strings.Contains(marks.read, ",") && slices.Contains(fields, FieldDocNumber) {
		out = append(out, docNumberReadMark+marks.read)
	}
	if w := marks.written; w != "" && w != number && !strings.Contains(w, ",") && DocNumberForm(w) == number {
		out = append(out, docNumberWrittenMark+w)
	}
	return encodeFields(out)
}

func decodeFields(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// InferRound returns the monitoring round for a document whose uploader
// named none: the round of the year of issuedOn (YYYY…) when that round
// exists; without a date, the round of the one year its names (its title
// and file name) give (YearNamed), when that round exists; else the
// current round; "" when there are no rounds. An annual summary or report
// dated the year after the one its title (names[0]) names goes to that
// year's round when there is one (ReportYear).
func (s *Store) InferRound(ctx context.Context, issuedOn string, names ...string) (string, error) {
	return inferRound(ctx, s.db, issuedOn, names...)
}

func inferRound(ctx context.Context, q queryer, issuedOn string, names ...string) (string, error) {
	return inferRoundBy(ctx, q, true, issuedOn, names...)
}

// inferRoundBy is inferRound, reading years in Chinese numerals in the
// names only when numerals is true (yearNamed).
func inferRoundBy(ctx context.Context, q queryer, numerals bool, issuedOn string, names ...string) (string, error) {
	report, issued := roundYears(numerals, issuedOn, names...)
	return roundOfYears(ctx, q, report, issued)
}

// roundYears are the years that may decide a document's round, in order:
// the year an annual summary's title names when dated the year after
// (ReportYear), and the year of its date or, undated, the one year its
// names give (YearNamed); 0 for none.
func roundYears(numerals bool, issuedOn string, names ...string) (report, issued int) {
	if len(names) > 0 {
		report = reportYear(numerals, names[0], issuedOn)
	}
	if issuedOn == "" {
		if y := yearNamed(numerals, names...); y != 0 {
			issuedOn = strconv.Itoa(y)
		}
	}
	if len(issuedOn) >= 4 {
		if y, err := strconv.Atoi(issuedOn[:4]); err == nil {
			issued = y
		}
	}
	return report, issued
}

// roundOfYears is the round of roundYears' years: the first that is a
// round, else the current round. One query asks for all three (it asked
// for each in turn, up to three statements an extraction, step 17 in
// bench/README.md).
func roundOfYears(ctx context.Context, q queryer, report, issued int) (string, error) {
	var reportRounds, issuedRounds, current int
	err := q.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM round WHERE year = ?), (SELECT COUNT(*) FROM round WHERE year = ?),
		COALESCE((SELECT year FROM round WHERE is_current = 1), (SELECT MAX(year) FROM round), 0)`, report, issued).
		Scan(&reportRounds, &issuedRounds, &current)
	if err != nil {
		return "", fmt.Errorf("find the round of %d, %d: %w", report, issued, err)
	}
	switch {
	case report != 0 && reportRounds > 0:
		return strconv.Itoa(report), nil
	case issued != 0 && issuedRounds > 0:
		return strconv.Itoa(issued), nil
	case current != 0:
		return strconv.Itoa(current), nil
	}
	return "", nil
}

// movedByNumerals returns the round a document's names now give it when
// they write a year in Chinese numerals and its round is the one the rule
// before ChineseYearRevision still gives (that rule filed it, and the
// round was not chosen otherwise since): that year's round, or the
// report year's (二〇一七年度工作总结 dated 2018 → 2017), when it exists.
// "" when the round stays.
func movedByNumerals(ctx context.Context, q queryer, round, issuedOn, title, filename string) (string, error) {
	if !hasChineseYear(title, filename) {
		return "", nil
	}
	before, err := inferRoundBy(ctx, q, false, issuedOn, title, filename)
	if err != nil || before != round {
		return "", err
	}
	now, err := inferRound(ctx, q, issuedOn, title, filename)
	if err != nil || now == round {
		return "", err
	}
	return now, nil
}

// fillFields applies, inside a transaction, the fields read from document
// id's text (f): a field filled from the text before (extracted_fields)
// takes the new reading, and is emptied (the title: back to the file name)
// when the text no longer gives it; one the uploader left empty (the title
// when it is still the file name) is filled, unless a person emptied it by
// an edit (edited_fields). Typed and edited values are never touched. The
// round is inferred again when it was inferred before and the date changed
// (at the first reading it changes from none): a document read again is
// not moved to a round added since only because it was added. A round
// inferred before its names' years in Chinese numerals were read moves
// once, read by ChineseYearRevision (movedByNumerals). What was
// filled is named in extracted_fields, f.Revision recorded as the
// document's fields_revision, and the fields whose value changed are
// returned, with the values they had.
func (s *Store) fillFields(ctx context.Context, tx *sql.Tx, id string, f FieldFill) (fieldChanges, error) {
	r, err := s.readFieldsRow(ctx, tx, id)
	if err != nil {
		return fieldChanges{}, err
	}
	fc, err := r.fill(ctx, tx, f, s.filledRounds(ctx, tx))
	if err != nil {
		return fieldChanges{}, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE document SET `+filledColumns+` WHERE id = ?`, append(r.filledArgs(f), id)...)
	if err != nil {
		return fieldChanges{}, fmt.Errorf("fill fields of %s: %w", id, err)
	}
	fc.marks = r.filledExtracted(f) != r.extracted
	return fc, nil
}

// fieldsRow is what fillFields reads of a document, its fields as the
// fill leaves them after fill, and its status (for setStatus, which
// writes the fill with the status in one UPDATE).
type fieldsRow struct {
	status                                                              Status
	title, filename, number, issuer, issuedOn, round, extracted, edited string
	revision                                                            int      // fields_revision as read
	auto                                                                []string // the fields read from the text, after fill
}

// readFieldsRow reads document id's fields inside tx, locking its row
// where writers run side by side; sql.ErrNoRows (wrapped) when there is
// no such document.
func (s *Store) readFieldsRow(ctx context.Context, tx *sql.Tx, id string) (*fieldsRow, error) {
	r := &fieldsRow{}
	err := tx.QueryRowContext(ctx, `SELECT status, title, filename, doc_number, issuer, issued_on, round, extracted_fields, edited_fields,
		fields_revision FROM document WHERE id = ?`+s.dialect.lockRow, id).Scan(&r.status, &r.title, &r.filename, &r.number, &r.issuer,
		&r.issuedOn, &r.round, &r.extracted, &r.edited, &r.revision)
	if err != nil {
		return nil, fmt.Errorf("read fields of %s: %w", id, err)
	}
	return r, nil
}

// filledColumns are the columns a fill writes, in filledArgs' order.
const filledColumns = `title = ?, doc_number = ?, issuer = ?, issued_on = ?, round = ?, extracted_fields = ?, fields_revision = ?`

// filledArgs are the values of filledColumns after fill(f).
func (r *fieldsRow) filledArgs(f FieldFill) []any {
	return []any{r.title, r.number, r.issuer, r.issuedOn, r.round, r.filledExtracted(f), f.Revision}
}

// filledExtracted is extracted_fields after fill(f): the fields read from
// the text, with the marks of the 文号 the reading gives when it is read
// from the text, else those kept (a typed 文号's form as typed), unless
// the text writes the same 文号: then the document's own writing.
func (r *fieldsRow) filledExtracted(f FieldFill) string {
	marks := docNumberMarks{f.DocNumberRead, f.DocNumberWritten}
	if !slices.Contains(r.auto, FieldDocNumber) {
		_, marks = decodeExtracted(r.extracted)
		if f.DocNumber != "" && f.DocNumber == r.number {
			// The text writes the 文号 typed: shown as the text writes
			// it, as its page shows it (ShowDocNumber).
			marks.written = f.DocNumberWritten
		}
		marks.read = ""
	}
	return encodeExtracted(r.auto, r.number, marks)
}

// fill applies f to the fields of r as fillFields says, reading the
// rounds in tx when the round is inferred (rounds.infer), and returns what
// changed. A round it moves the document into is held first (rounds.hold,
// holdFilled); one deleted since the rounds were read is not moved into.
func (r *fieldsRow) fill(ctx context.Context, tx *sql.Tx, f FieldFill, rounds txRounds) (fieldChanges, error) {
	title, filename, number, issuer, issuedOn, round := r.title, r.filename, r.number, r.issuer, r.issuedOn, r.round
	auto, _ := decodeExtracted(r.extracted)
	byHand := decodeFields(r.edited)
	wasRead := slices.Clone(auto)
	var out fieldChanges
	change := func(dst *string, name, v string) {
		out.names = append(out.names, name)
		out.from = append(out.from, *dst)
		out.to = append(out.to, v)
		out.overRead = out.overRead || *dst != "" && slices.Contains(wasRead, name)
		*dst = v
	}
	read := func(dst *string, name, v, none string, empty bool) {
		switch {
		case slices.Contains(auto, name):
			if v == "" {
				v = none
				auto = slices.DeleteFunc(auto, func(f string) bool { return f == name })
			}
		case empty && v != "" && v != *dst && !slices.Contains(byHand, name):
			auto = append(auto, name)
		default:
			return
		}
		if *dst != v {
			change(dst, name, v)
		}
	}
	read(&title, FieldTitle, f.Title, DefaultTitle(filename), title == "" || title == DefaultTitle(filename))
	read(&number, FieldDocNumber, f.DocNumber, "", number == "")
	read(&issuer, FieldIssuer, f.Issuer, "", issuer == "")
	read(&issuedOn, FieldIssuedOn, f.IssuedOn, "", issuedOn == "")
	// Without a date, a title read anew may name the year (2018年…).
	// With one, a title read anew may still say it is the summary of the
	// year before its date (ReportYear).
	inferred := slices.Contains(auto, FieldRound) && (slices.Contains(out.names, FieldIssuedOn) ||
		slices.Contains(out.names, FieldTitle))
	if !inferred && slices.Contains(auto, FieldRound) && r.revision < ChineseYearRevision && f.Revision >= ChineseYearRevision {
		// A round inferred before years in Chinese numerals were read.
		moved, err := movedByNumerals(ctx, tx, round, issuedOn, title, filename)
		if err != nil {
			return fieldChanges{}, err
		}
		if moved != "" {
			if held, err := rounds.hold(moved); err != nil {
				return fieldChanges{}, err
			} else if held {
				change(&round, FieldRound, moved)
			}
		}
	}
	if inferred || round == "" && !slices.Contains(byHand, FieldRound) {
		rd, err := rounds.infer(issuedOn, title, filename)
		if err != nil {
			return fieldChanges{}, err
		}
		held := rd == round
		if rd != "" && !held {
			if held, err = rounds.hold(rd); err != nil {
				return fieldChanges{}, err
			}
			if held {
				change(&round, FieldRound, rd)
			}
		}
		if rd != "" && held && !slices.Contains(auto, FieldRound) {
			auto = append(auto, FieldRound)
		}
	}
	r.title, r.number, r.issuer, r.issuedOn, r.round, r.auto = title, number, issuer, issuedOn, round, auto
	return out, nil
}

// txRounds is what the readings of one transaction share of the rounds:
// hold (holdFilled) and infer (inferFilled).
type txRounds struct {
	hold  func(round string) (bool, error)
	infer func(issuedOn, title, filename string) (string, error)
}

// filledRounds is fill's rounds inside tx.
func (s *Store) filledRounds(ctx context.Context, tx *sql.Tx) txRounds {
	return txRounds{hold: s.holdFilled(ctx, tx), infer: s.inferFilled(ctx, tx)}
}

// inferFilled is fill's inference of a round inside tx (inferRound). Where
// writers are serial (SQLite) no other transaction changes the rounds
// while tx is open, so each pair of years is asked once a transaction: a
// batch of readings of documents of a few years asks a few times, not
// once a document (issue 15). On PostgreSQL each asks, as before, and
// sees rounds committed meanwhile.
func (s *Store) inferFilled(ctx context.Context, tx *sql.Tx) func(issuedOn, title, filename string) (string, error) {
	if !s.dialect.serialWriters {
		return func(issuedOn, title, filename string) (string, error) {
			return inferRound(ctx, tx, issuedOn, title, filename)
		}
	}
	asked := map[[2]int]string{}
	return func(issuedOn, title, filename string) (string, error) {
		report, issued := roundYears(true, issuedOn, title, filename)
		if rd, ok := asked[[2]int{report, issued}]; ok {
			return rd, nil
		}
		rd, err := roundOfYears(ctx, tx, report, issued)
		if err == nil {
			asked[[2]int{report, issued}] = rd
		}
		return rd, err
	}
}

// holdFilled is fill's hold inside tx: it holds the round a reading moves
// a document into (holdRound), and says false, without an error, when
// DeleteRound removed it since fill read the rounds, so the document
// stays where it was rather than land in a round that is gone or fail
// its reading. One hold serves every document of a transaction (a batch
// of the indexer's, up to 256): each distinct round is held once, and a
// round found gone is not asked again.
//
// The round is held after the document's row, against the order
// roundhold.go gives. That cannot close a circle on PostgreSQL, because
// a FOR KEY SHARE request is granted at once when the round's row is
// held only in FOR KEY SHARE, even while DeleteRound's FOR UPDATE waits
// for it: KEY SHARE conflicts with no held KEY SHARE, and a waiting FOR
// UPDATE does not make later KEY SHARE requests queue behind it. So in
// the one circle there could be — another writer holds the round and
// waits for a document this reading has locked, DeleteRound waits for
// that writer, and this reading asks for the round — this reading is
// not held behind DeleteRound: it takes the round, commits and lets the
// writer go (TestReadingTakesTheRoundPastAWaitingDeleteRound). The
// order's own reason does not apply either: DeleteRound locks no
// document. On SQLite the immediate transaction excludes every other
// writer.
func (s *Store) holdFilled(ctx context.Context, tx *sql.Tx) func(round string) (bool, error) {
	held := map[int]bool{} // by year: true held, false gone
	return func(round string) (bool, error) {
		y, ok := roundYear(round)
		if !ok {
			return true, nil
		}
		if h, asked := held[y]; asked {
			return h, nil
		}
		err := s.holdRound(ctx, tx, y)
		if IsNotFound(err) {
			held[y] = false
			return false, nil
		}
		if err != nil {
			return false, err
		}
		held[y] = true
		return true, nil
	}
}

// fieldChanges are the fields a reading of the text changed.
type fieldChanges struct {
	names    []string // in the order title, 文号, issuer, date, round
	from, to []string // their values before and after, by names' index
	// overRead: a changed field held a value read from the text before,
	// which the audit log keeps (recordFieldsEvent).
	overRead bool
	// marks: extracted_fields was written anew, with other fields read
	// from the text or other marks of the 文号 (a guess read as written),
	// which a Document holds (ExtractedFields, DocNumberRead), though no
	// field's value changed. Set by fillFields alone.
	marks bool
}

// recordFieldsEvent records in the audit log the fields a reading by
// reader revision changed: their new values, and under "from" those they
// had.
func (s *Store) recordFieldsEvent(ctx context.Context, tx *sql.Tx, id string, revision int, c fieldChanges) error {
	from := map[string]string{}
	detail := map[string]any{"revision": revision, "from": from}
	for i, name := range c.names {
		detail[name], from[name] = c.to[i], c.from[i]
	}
	return s.recordEvent(ctx, tx, Event{User: "system", Action: "document.fields", Object: id, Detail: detail})
}

// confirmFields removes from a document's extracted_fields those an edit
// gives a new value: a coordinator corrected them; and adds them to its
// edited_fields, which no reading of the text writes over. A 文号 given a
// new value is shown as typed (typed, DocumentPatch.DocNumberTyped); one
// sent back as it was, in whichever brackets, keeps the form it is shown
// in, the document's own when read from its text. It returns the fields
// the edit gives a new value (the web form posts every field, changed or
// not), for the audit log to say who changed which.
func (s *Store) confirmFields(ctx context.Context, tx *sql.Tx, id string, changed map[string]any, typed string) ([]string, error) {
	var extracted, edited string
	var cur [5]string
	err := tx.QueryRowContext(ctx, `SELECT extracted_fields, edited_fields, title, doc_number, issuer, issued_on, round
		FROM document WHERE id = ?`+s.dialect.lockRow, id).
		Scan(&extracted, &edited, &cur[0], &cur[1], &cur[2], &cur[3], &cur[4])
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil // a missing document is reported by the update itself
	}
	if err != nil {
		return nil, fmt.Errorf("read fields of %s: %w", id, err)
	}
	byHand := decodeFields(edited)
	now := []string{} // the fields this edit gives a new value
	for i, f := range []string{FieldTitle, FieldDocNumber, FieldIssuer, FieldIssuedOn, FieldRound} {
		if v, ok := changed[f]; ok && v != cur[i] {
			now = append(now, f)
			if !slices.Contains(byHand, f) {
				byHand = append(byHand, f)
			}
		}
	}
	auto, marks := decodeExtracted(extracted)
	keep := slices.DeleteFunc(auto, func(f string) bool { return slices.Contains(now, f) })
	number := cur[1]
	if slices.Contains(now, FieldDocNumber) {
		number, _ = changed[FieldDocNumber].(string)
		marks = docNumberMarks{written: typed}
	}
	_, err = tx.ExecContext(ctx, `UPDATE document SET extracted_fields = ?, edited_fields = ? WHERE id = ?`,
		encodeExtracted(keep, number, marks), encodeFields(byHand), id)
	if err != nil {
		return nil, fmt.Errorf("confirm fields of %s: %w", id, err)
	}
	return now, nil
}

// fillEditedFields sets edited_fields of the documents edited before the
// column was added (migration 021): the fields the document.edit events of
// each name, as patched, count as a person's; a bulk change of 类型 or
// 部门 alone leaves its empty 文号, issuer and date for the text to fill.
func fillEditedFields(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT object, detail FROM event WHERE action = 'document.edit' ORDER BY id`)
	if err != nil {
		return fmt.Errorf("find earlier edits: %w", err)
	}
	edited := map[string][]string{}
	var ids []string
	for rows.Next() {
		var id, detail string
		if err := rows.Scan(&id, &detail); err != nil {
			rows.Close()
			return fmt.Errorf("read earlier edit: %w", err)
		}
		var patched map[string]any
		if err := json.Unmarshal([]byte(detail), &patched); err != nil {
			continue // not an edit's list of fields: nothing to learn from it
		}
		if _, seen := edited[id]; !seen {
			ids = append(ids, id)
		}
		for _, f := range []string{FieldTitle, FieldDocNumber, FieldIssuer, FieldIssuedOn, FieldRound} {
			if _, ok := patched[f]; ok && !slices.Contains(edited[id], f) {
				edited[id] = append(edited[id], f)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("find earlier edits: %w", err)
	}
	for _, id := range ids {
		if len(edited[id]) == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE document SET edited_fields = ? WHERE id = ?`, encodeFields(edited[id]), id); err != nil {
			return fmt.Errorf("mark the edited fields of %s: %w", id, err)
		}
	}
	return nil
}
