package catalog

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"
)

// ClaimStatus is where a claim is in review.
type ClaimStatus string

// Claim statuses: pending until a reviewer's verdict; insufficient and
// contradicted send it back to the coordinator, and any change returns it
// to pending.
const (
	ClaimPending      ClaimStatus = "pending"
	ClaimVerified     ClaimStatus = "verified"
	ClaimInsufficient ClaimStatus = "insufficient"
	ClaimContradicted ClaimStatus = "contradicted"
	// ClaimWithdrawn: its city's coordinator (or an admin) took it back
	// before it was verified; it leaves the review queue and the counts
	// and stays, with its history, for the record.
	ClaimWithdrawn ClaimStatus = "withdrawn"
	// ClaimToConfirm is never stored: a claim or value carried into a new
	// round is 待审核 there, but stays out of the review queue and its
	// counts as 待确认 until its city's coordinator confirms it on the
	// carry-over page (ReviewStatus; ClaimFilter and ValueFilter select it
	// by this status).
	ClaimToConfirm ClaimStatus = "to_confirm"
)

// unconfirmedSQL is the condition, with %[1]s the carry-over kind and
// %[2]s the claim's or value's ID column, that an object is carried over
// and still waits for its coordinator's confirmation.
const unconfirmedSQL = `%[2]s IN (SELECT k.object_id FROM carryover k WHERE k.kind = '%[1]s' AND k.state = 'to_confirm')`

// reviewStatusSQL is the status column col as ReviewStatus reads it:
// to_confirm for a pending object still to be confirmed.
func reviewStatusSQL(kind CarryKind, col, id string) string {
	return `CASE WHEN ` + col + ` = 'pending' AND ` + fmt.Sprintf(unconfirmedSQL, kind, id) + ` THEN 'to_confirm' ELSE ` + col + ` END`
}

// statusWhere is the condition that selects the objects in status st as
// ReviewStatus reads it: pending ones still to be confirmed are
// ClaimToConfirm, not ClaimPending.
func statusWhere(kind CarryKind, col, id string, st ClaimStatus) (string, []any) {
	unconfirmed := fmt.Sprintf(unconfirmedSQL, kind, id)
	switch st {
	case ClaimPending:
		return col + ` = ? AND NOT ` + unconfirmed, []any{ClaimPending}
	case ClaimToConfirm:
		return col + ` = ? AND ` + unconfirmed, []any{ClaimPending}
	}
	return col + ` = ?`, []any{st}
}

// VerdictWords name a reviewed claim's or value's status in the words of
// the review form, for messages a user reads.
var VerdictWords = map[ClaimStatus]string{
	ClaimVerified:     "属实",
	ClaimInsufficient: "证据不足",
	ClaimContradicted: "与证据矛盾",
}

// verdictEnglish are VerdictWords in English.
var verdictEnglish = map[ClaimStatus]string{
	ClaimVerified:     "verified",
	ClaimInsufficient: "insufficient evidence",
	ClaimContradicted: "contradicted by the evidence",
}

// VerdictIn names a reviewed claim's or value's status in each language,
// to be put into a message.
func VerdictIn(s ClaimStatus) Words {
	return Words{Chinese: VerdictWords[s], English: verdictEnglish[s]}
}

// StatusWords name a document's status in messages a user reads.
var StatusWords = map[Status]string{
	StatusStored:    "已保存、等待提取文字",
	StatusExtracted: "已提取文字、正在建立索引",
	StatusIndexed:   "可检索",
	StatusFailed:    "处理失败",
}

// statusEnglish are StatusWords in English, as the English pages say them.
var statusEnglish = map[Status]string{
	StatusStored:    "stored, waiting for extraction",
	StatusExtracted: "text extracted, indexing",
	StatusIndexed:   "searchable",
	StatusFailed:    "failed",
}

// StatusIn names a document's status in each language, to be put into a
// message: never its code (indexed), which no user knows it by.
func StatusIn(s Status) Words {
	return Words{Chinese: StatusWords[s], English: statusEnglish[s]}
}

// claimStatusNames are the names the pages show a claim's or value's
// status by (待审核, 属实 …), and 已核实, the heat map's and /compare's word
// for verified, each with the status it names.
var claimStatusNames = map[string]ClaimStatus{
	"待审核": ClaimPending, "待确认": ClaimToConfirm, "属实": ClaimVerified, "已核实": ClaimVerified,
	"证据不足": ClaimInsufficient, "与证据矛盾": ClaimContradicted, "已撤回": ClaimWithdrawn,
}

// ClaimStatusNamed is the status s names, as its code (verified) or in
// the words the pages show it by (属实, 已核实), so that a status filter
// takes what a user reads, as a task's status and doc_type do; any other
// s is given back as it is, for the listing to refuse.
func ClaimStatusNamed(s string) ClaimStatus {
	s = strings.TrimSpace(s)
	if st, ok := claimStatusNames[s]; ok {
		return st
	}
	return ClaimStatus(s)
}

// ParseVerdict accepts a reviewer's verdict, as its code (verified) or in
// the review form's words (属实, VerdictWords), which the refusal of an
// unknown verdict names: a reviewer who writes what it asks for is heard.
func ParseVerdict(s string) (ClaimStatus, error) {
	v := ClaimStatus(strings.TrimSpace(s))
	for code, words := range VerdictWords {
		if string(v) == words {
			return code, nil
		}
	}
	switch v {
	case ClaimVerified, ClaimInsufficient, ClaimContradicted:
		return v, nil
	case "":
		// A form sent with no verdict ticked: nothing was unknown, one
		// was missing.
		return "", Errorf(EINVALID, "请选择审核结论：属实、证据不足或与证据矛盾")
	}
	return "", Errorf(EINVALID, "未知的审核结论“%s”；请选择属实、证据不足或与证据矛盾（API 中为 verified、insufficient、contradicted）", s)
}

// Claim is what a city says for a key indicator in a round.
type Claim struct {
	ID        string
	City      string
	Round     int
	Indicator string
	Statement string
	Status    ClaimStatus
	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
	Citations []Citation
	// LastCitation is the number the claim's last citation was given, its
	// removed citations included: the next one added takes the one after
	// (Citation.Number).
	LastCitation int
	// Carry is the state of the carry-over that brought the claim into its
	// round (CarryToConfirm while it waits for its coordinator), "" when
	// it was written there.
	Carry CarryState
}

// ReviewStatus is the claim's status as the review queue has it:
// ClaimToConfirm while it is pending but carried over and not yet
// confirmed by its city, else Status.
func (c Claim) ReviewStatus() ClaimStatus { return reviewStatus(c.Status, c.Carry) }

func reviewStatus(st ClaimStatus, carry CarryState) ClaimStatus {
	if st == ClaimPending && carry == CarryToConfirm {
		return ClaimToConfirm
	}
	return st
}

// Citation points a claim at a passage: a document, a page and the quoted
// text, with whether the quote was found there.
type Citation struct {
	ID string
	// Number names the citation on its claim from 1, for the claim's
	// life: removing a citation leaves a gap rather than renumbering
	// the others, so a reviewer's 第3条 keeps naming the same one.
	Number      int
	DocumentID  string
	SHA256      string
	Page        int
	Quote       string
	QuoteFound  bool
	FoundOnPage int // the page the quote was found on, 0 if nowhere
	// QuoteRead is set when the quote matched a page OCR read only
	// approximately, one or two characters read otherwise
	// (claims.FindQuoteRead): those characters as OCR read them (甚 for
	// 其); "" for an exact match or none. Found still counts as found:
	// the page shows the reading so the reviewer can judge it.
	QuoteRead string
	// RecheckError, when not empty, says why looking for the quote again
	// failed once its text was read anew (MarkQuotesToRecheck): QuoteFound
	// and FoundOnPage are the old text's then, to be checked again.
	RecheckError string
	// RecheckErrorEN is RecheckError in English for the English pages;
	// "" when it has none (RecheckErrorIn).
	RecheckErrorEN string
}

// RecheckErrorIn is why looking for the quote again failed, in English
// when english is set and the reason has an English version, else in
// Chinese; "" when it did not fail.
func (c Citation) RecheckErrorIn(english bool) string {
	if english && c.RecheckErrorEN != "" {
		return c.RecheckErrorEN
	}
	return c.RecheckError
}

// QuoteWarning is what a citation whose quote is not on its page warns,
// in both languages: on which other page it is (引文不在第 1 页，在第 2
// 页；请核对页码), else that the document does not have it; ok is false
// when the quote is on its page. A value's import, a claim's answer and
// the claim's page say it alike.
func (c Citation) QuoteWarning() (w Words, ok bool) {
	switch {
	case c.QuoteFound:
		return Words{}, false
	case c.FoundOnPage > 0 && c.FoundOnPage != c.Page:
		return MessageWords(Errorf(EINVALID, "引文不在第 %d 页，在第 %d 页；请核对页码", c.Page, c.FoundOnPage)), true
	}
	return MessageWords(Errorf(EINVALID, "所引文档中未找到该引文（请核对页码或原文）")), true
}

// Review is a reviewer's verdict on a claim.
type Review struct {
	ID       string
	ClaimID  string
	Reviewer string
	Verdict  ClaimStatus
	Comment  string
	At       time.Time
	// Revises is the verdict this one corrects (改判): the claim's or
	// value's status when its reviewer changed their mind, "" for a
	// verdict on one waiting for review. It is kept in the audit event
	// (claim.revise, value.revise), not with the review.
	Revises ClaimStatus
	// OnVersion is the version of the claim or value (Claim.Version,
	// Value.Version) the reviewer was shown, "" for whichever it has: a
	// verdict given on one edited since is refused (staleVerdict), never
	// recorded on a text or number its reviewer did not see. Not stored.
	OnVersion string
}

// claimWords and valueWords name a claim and a value in messages.
var (
	claimWords = Words{Chinese: "定性描述", English: "claim"}
	valueWords = Words{Chinese: "数值", English: "value"}
)

// staleVerdict is the refusal of r, given on version r.OnVersion of a
// claim or value (what) now at status st with updated_at stored, or nil
// when r was given on the version it has (or on any). A verdict another
// gave or revised meanwhile is refused as such; a withdrawn one is left
// to the usual refusal.
func staleVerdict(r *Review, what Words, st ClaimStatus, stored string) error {
	if r.OnVersion == "" || versionOf(stored) == r.OnVersion {
		return nil
	}
	switch {
	case st == ClaimWithdrawn:
		return nil
	case r.Revises != "" && st != r.Revises:
		return RevisedVerdictChangedError(what)
	case r.Revises == "" && st != ClaimPending:
		return ReviewedMeanwhileError(st)
	}
	return ReviewStaleError(what)
}

// seenVersion reads the status and updated_at of a claim or value (table)
// through tx and refuses r when given on another version (staleVerdict);
// stored is the updated_at read, for the update to be made only on it.
func seenVersion(ctx context.Context, tx *sql.Tx, table string, id string, r *Review, what Words) (stored string, err error) {
	if r.OnVersion == "" {
		return "", nil
	}
	var st ClaimStatus
	err = tx.QueryRowContext(ctx, `SELECT status, updated_at FROM `+table+` WHERE id = ?`, id).Scan(&st, &stored)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil // the update finds no row and says so
	}
	if err != nil {
		return "", fmt.Errorf("read %s %s: %w", table, id, err)
	}
	return stored, staleVerdict(r, what, st, stored)
}

// EventPreviousVerdict is the key of a revision's event Detail (改判:
// claim.revise, value.revise) naming the verdict it replaced.
const EventPreviousVerdict = "previous"

// reviewEvent is the audit event of r on object, recorded as action
// (claim.review or claim.revise, value.review or value.revise): a
// revision names the verdict it replaced.
func reviewEvent(action, object string, r *Review) Event {
	e := Event{At: r.At, User: r.Reviewer, Action: action, Object: object,
		Detail: map[string]any{"verdict": r.Verdict, "comment": r.Comment}}
	if r.Revises != "" {
		e.Detail[EventPreviousVerdict] = r.Revises
	}
	return e
}

// RevisedVerdictChangedError is the refusal of a revision (改判) of a
// verdict that is no longer the claim's or value's (what): it was
// changed or sent back to review since the reviewer looked.
func RevisedVerdictChangedError(what Words) *Error {
	return Errorf(ECONFLICT, "这条%s的审核结论已有变化（已被修改或改判），请刷新页面后再决定是否改判", what)
}

// LastOf is the latest of each id's reviews (oldest first, as ReviewsOf
// and ValueReviewsOf give them), by id; an id without a review is absent.
func LastOf(reviews map[string][]Review) map[string]Review {
	last := make(map[string]Review, len(reviews))
	for id, rs := range reviews {
		if len(rs) > 0 {
			last[id] = rs[len(rs)-1]
		}
	}
	return last
}

// ClaimFilter selects claims; empty fields match all.
type ClaimFilter struct {
	City      string
	Cities    []string // when not nil, only these cities (the scope's list)
	Indicator string
	Status    ClaimStatus
	Round     int
	Limit     int
	Offset    int
	// After, when not empty, is a ClaimCursor: only the claims after it
	// are listed (Offset counts from there).
	After string
}

// claimStamp is the time a claim change is stamped with, taken as the
// first thing its transaction does, once it holds the writer (SQLite has
// one) or, on PostgreSQL, the claims' advisory lock, held to commit: the
// stamps then follow the commits, so a reader paging by updated_at
// (ClaimFilter.After) never finds a change committed behind its page.
// Claim changes are a reviewer's or coordinator's clicks; queueing them
// costs nothing a user sees. The lock is taken before any row lock, so it
// waits on no transaction that waits on it.
func (s *Store) claimStamp(ctx context.Context, tx *sql.Tx) (time.Time, error) {
	if !s.dialect.serialWriters {
		if err := advisoryLock(ctx, tx, lockClaimStamps); err != nil {
			return time.Time{}, fmt.Errorf("claim stamp lock: %w", err)
		}
	}
	return s.now(), nil
}

// CreateClaim stores a claim with its citations (already checked) and an
// audit event, in one transaction.
func (s *Store) CreateClaim(ctx context.Context, c *Claim) error {
	c.ID, c.Status = ulid.Make().String(), ClaimPending
	return s.inTx(ctx, func(tx *sql.Tx) error {
		now, err := s.claimStamp(ctx, tx)
		if err != nil {
			return err
		}
		if err := s.holdRound(ctx, tx, c.Round); err != nil {
			return err
		}
		c.CreatedAt, c.UpdatedAt = now, now
		_, err = tx.ExecContext(ctx, `INSERT INTO claim (id, city, round, indicator_code, statement, status, created_by, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.City, c.Round, c.Indicator, c.Statement, c.Status, c.CreatedBy,
			formatTime(now), formatTime(now))
		if err != nil {
			return fmt.Errorf("insert claim: %w", err)
		}
		if c.LastCitation, err = insertCitations(ctx, tx, c.ID, c.Citations); err != nil {
			return err
		}
		detail, docs := citationChanges(nil, c.Citations)
		detail["city"], detail["indicator"], detail["statement"], detail["citations"] = c.City, c.Indicator, c.Statement, len(c.Citations)
		return s.recordEvent(ctx, tx, Event{At: now, User: c.CreatedBy, Action: "claim.create", Object: "claim:" + c.ID,
			Also: docs, Detail: detail})
	})
}

// ClaimChange is the audit action of a change to a claim: its history
// names what was done (添加引用, not 修改定性描述, for a citation added).
type ClaimChange string

// The changes UpdateClaimAs records.
const (
	ClaimEdited  ClaimChange = "claim.edit"   // the statement, or the citations replaced
	ClaimCited   ClaimChange = "claim.cite"   // one citation added, the rest kept
	ClaimUncited ClaimChange = "claim.uncite" // one citation removed, the rest kept
)

// UpdateClaim replaces a claim's statement and citations and puts it back
// in the review queue, with an audit event (claim.edit).
func (s *Store) UpdateClaim(ctx context.Context, c *Claim, by string) error {
	return s.UpdateClaimAs(ctx, c, by, ClaimEdited)
}

// UpdateClaimAs is UpdateClaim recorded as change. c.UpdatedAt is the
// claim's as the change was built on it: when the claim changed since,
// the save is refused (ECONFLICT) and nothing is written; zero skips the
// check. A save that changes nothing is no change (UpdateClaimChanged).
func (s *Store) UpdateClaimAs(ctx context.Context, c *Claim, by string, change ClaimChange) error {
	_, err := s.UpdateClaimChanged(ctx, c, by, change)
	return err
}

// EventVerdictCleared is the key of a claim change's event Detail naming
// the verdict the change cleared (属实, 证据不足, 与证据矛盾): the claim
// had one, and goes back to review without it.
const EventVerdictCleared = "verdict_cleared"

// UpdateClaimChanged is UpdateClaimAs, reporting whether anything
// changed. A save whose statement and citations (document, page and
// quote, in order) are those stored changes nothing: no row is written,
// no event recorded, the claim keeps its status and version, and c is
// set to the claim as stored (changed is false). Re-sending what a
// claim says must not clear its verdict, and with it the rule that a
// verified claim cannot be withdrawn.
func (s *Store) UpdateClaimChanged(ctx context.Context, c *Claim, by string, change ClaimChange) (changed bool, err error) {
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		now, err := s.claimStamp(ctx, tx)
		if err != nil {
			return err
		}
		// A save is built on the claim as its caller read it (UpdatedAt):
		// one committed since, a citation added or removed by someone
		// else, would be undone by this one's list, so it is refused.
		// Every change of a claim is stamped holding the claims' lock
		// (claimStamp), held here too, so none commits between this
		// check and the update. A zero UpdatedAt is a save built on no
		// read, unchecked.
		if !c.UpdatedAt.IsZero() {
			if err := claimUnchangedSince(ctx, tx, c.ID, c.UpdatedAt); err != nil {
				return err
			}
		}
		// The claim and its citations as they were are read in the
		// change's transaction, so the event names what this change
		// removed, not what one committed since the service looked did.
		stored, err := storedClaim(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		if stored.Status == ClaimWithdrawn {
			return claimNotChangeable(ctx, tx, c.ID)
		}
		if stored.Statement == c.Statement && sameCitations(stored.Citations, c.Citations) {
			*c = *stored
			return nil
		}
		// The status is checked in the statement itself: a withdraw
		// committed since the service looked is not undone.
		res, err := tx.ExecContext(ctx, `UPDATE claim SET statement = ?, status = ?, updated_at = ? WHERE id = ? AND status <> ?`,
			c.Statement, ClaimPending, formatTime(now), c.ID, ClaimWithdrawn)
		if err != nil {
			return fmt.Errorf("update claim: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return claimNotChangeable(ctx, tx, c.ID)
		}
		if c.LastCitation, err = insertCitations(ctx, tx, c.ID, c.Citations); err != nil {
			return err
		}
		if err := s.markCarryUpdated(ctx, tx, CarryClaim, c.ID, by); err != nil {
			return err // says what it was marking (moveCarried)
		}
		c.Status, c.UpdatedAt, changed = ClaimPending, now, true
		detail, docs := citationChanges(stored.Citations, c.Citations)
		detail["statement"], detail["citations"] = c.Statement, len(c.Citations)
		if _, ok := VerdictWords[stored.Status]; ok {
			detail[EventVerdictCleared] = stored.Status
		}
		return s.recordEvent(ctx, tx, Event{At: now, User: by, Action: string(change), Object: "claim:" + c.ID,
			Also: docs, Detail: detail})
	})
	return changed, err
}

// storedClaim reads claim id with its citations through tx, as it is
// before tx changes it.
func storedClaim(ctx context.Context, tx *sql.Tx, id string) (*Claim, error) {
	var c Claim
	var created, updated string
	err := tx.QueryRowContext(ctx, `SELECT id, city, round, indicator_code, statement, status, created_by, created_at, updated_at,
		citations_numbered, COALESCE((SELECT k.state FROM carryover k WHERE k.kind = 'claim' AND k.object_id = claim.id), '')
		FROM claim WHERE id = ?`, id).Scan(&c.ID, &c.City, &c.Round, &c.Indicator, &c.Statement, &c.Status, &c.CreatedBy,
		&created, &updated, &c.LastCitation, &c.Carry)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "定性描述 %s 不存在", id)
	}
	if err != nil {
		return nil, fmt.Errorf("read claim %s: %w", id, err)
	}
	c.CreatedAt, c.UpdatedAt = parseTime(created), parseTime(updated)
	if c.Citations, err = citationsIn(ctx, tx, id); err != nil {
		return nil, err
	}
	return &c, nil
}

// sameCitations reports whether a and b cite the same passages in the
// same order: each its document, page and quote. Whether a quote was
// found is read from them, not said by whoever saves.
func sameCitations(a, b []Citation) bool {
	return slices.EqualFunc(a, b, func(x, y Citation) bool {
		return x.DocumentID == y.DocumentID && x.Page == y.Page && x.Quote == y.Quote
	})
}

// claimUnchangedSince refuses a save of claim id built on its state as
// of read when it has changed since: ECONFLICT, or why it cannot change
// at all (gone, withdrawn).
func claimUnchangedSince(ctx context.Context, tx *sql.Tx, id string, read time.Time) error {
	var status ClaimStatus
	var updated string
	err := tx.QueryRowContext(ctx, `SELECT status, updated_at FROM claim WHERE id = ?`, id).Scan(&status, &updated)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return Errorf(ENOTFOUND, "定性描述 %s 不存在", id)
	case err != nil:
		return fmt.Errorf("read claim %s: %w", id, err)
	case status == ClaimWithdrawn:
		return claimNotChangeable(ctx, tx, id)
	case formatTime(parseTime(updated)) != formatTime(read): // as stored: to the microsecond
		return ClaimChangedError()
	}
	return nil
}

// ClaimChangedError is the refusal of a change built on a claim that has
// changed since it was read (ECONFLICT), with what to do.
func ClaimChangedError() *Error {
	return Errorf(ECONFLICT, "定性描述已被他人修改，请刷新页面后重试")
}

// IsClaimChanged reports whether err is ClaimChangedError's refusal.
func IsClaimChanged(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == ECONFLICT && e.Message == ClaimChangedError().Message
}

// ClaimStaleError is the refusal of a change whose client named the
// claim's version it was built on (If-Match) when the claim is no longer
// at that version (ESTALE, HTTP 412), with what to do: unlike
// ClaimChangedError, the client holds the version it read and can fetch
// the new one itself.
func ClaimStaleError() *Error {
	return Errorf(ESTALE, "定性描述在您读取之后已被修改（或 If-Match 带的是弱 ETag），本次修改未保存；请重新读取这条定性描述，核对最新内容后带上新的 ETag 再提交")
}

// RevisedMeanwhileError refuses a revision (改判) of a verdict that is no
// longer the one its reviewer saw: another changed it to now meanwhile.
func RevisedMeanwhileError(now ClaimStatus) *Error {
	return Errorf(ECONFLICT, "审核结论已被他人改为“%s”，本次改判未保存；请刷新页面核对后再改判", VerdictIn(now))
}

// ReviewedMeanwhileError refuses a first verdict on a claim or value
// that another reviewer gave one (now) meanwhile: it would have replaced
// a verdict its reviewer never read.
func ReviewedMeanwhileError(now ClaimStatus) *Error {
	return Errorf(ECONFLICT, "审核结论已被他人记录为“%s”，本次审核未保存；请刷新页面核对，如需更正请改判并写明理由", VerdictIn(now))
}

// ReviewStaleError refuses a verdict given on a version of a claim or
// value (what: 定性描述 or 数值) that is no longer its own: it was edited
// or recorded again after the reviewer opened the page, and the verdict
// would land on a text or number the reviewer never saw (ESTALE, HTTP
// 412). Nothing is saved.
func ReviewStaleError(what Words) *Error {
	return Errorf(ESTALE, "%s在您打开页面后已被修改，本次审核未保存，请核对新内容", what)
}

// CheckCommentChanged refuses a revision (改判) into the verdict a claim
// or value has already whose comment is the latest review's (reviews,
// oldest first): it would change nothing.
func CheckCommentChanged(reviews []Review, comment string) error {
	if len(reviews) > 0 && reviews[len(reviews)-1].Comment == comment {
		return FieldErrorf("comment", EINVALID, "审核结论和审核意见都与原来相同，未作修改；只改审核意见时请写出新的意见")
	}
	return nil
}

// Version names the state of c that a change may be built on: its
// UpdatedAt as stored, to the microsecond, which every change of the
// claim moves (claimStamp). The API gives it as the claim's ETag, and a
// PATCH that sends it back in If-Match is refused once the claim has
// changed since.
func (c *Claim) Version() string { return strconv.FormatInt(c.UpdatedAt.UnixMicro(), 10) }

// versionOf is the version (Claim.Version, Value.Version) of an object
// whose updated_at column reads stored.
func versionOf(stored string) string {
	return strconv.FormatInt(parseTime(stored).UnixMicro(), 10)
}

// WithdrawClaim marks a claim withdrawn, with an audit event
// claim.withdraw, and a carry-over of it dropped from its round; a
// verified or already withdrawn claim is ECONFLICT
// (checked in the update itself, so a verdict given meanwhile wins).
func (s *Store) WithdrawClaim(ctx context.Context, id, by, reason string) (*Claim, error) {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		now, err := s.claimStamp(ctx, tx)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE claim SET status = ?, updated_at = ? WHERE id = ? AND status NOT IN (?, ?)`,
			ClaimWithdrawn, formatTime(now), id, ClaimVerified, ClaimWithdrawn)
		if err != nil {
			return fmt.Errorf("withdraw claim: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var st ClaimStatus
			switch err := tx.QueryRowContext(ctx, `SELECT status FROM claim WHERE id = ?`, id).Scan(&st); {
			case errors.Is(err, sql.ErrNoRows):
				return Errorf(ENOTFOUND, "定性描述 %s 不存在", id)
			case err != nil:
				return fmt.Errorf("claim status: %w", err)
			case st == ClaimWithdrawn:
				return Errorf(ECONFLICT, "这条定性描述已经撤回")
			default:
				return Errorf(ECONFLICT, "这条定性描述已审核属实，不能撤回")
			}
		}
		// A claim carried over and withdrawn in its new round is not used
		// there: 本轮不再使用 on the carry-over page, not 待确认 with a
		// button to confirm it.
		if err := s.moveCarried(ctx, tx, CarryClaim, id, CarryDropped, by, CarryToConfirm, CarryConfirmed, CarryUpdated); err != nil {
			return err
		}
		detail := map[string]any{}
		if reason != "" {
			detail["reason"] = reason
		}
		return s.recordEvent(ctx, tx, Event{At: now, User: by, Action: "claim.withdraw", Object: "claim:" + id, Detail: detail})
	})
	if err != nil {
		return nil, err
	}
	return s.Claim(ctx, id)
}

// AddReview records a verdict and makes it the claim's status.
func (s *Store) AddReview(ctx context.Context, r *Review) error {
	r.ID = ulid.Make().String()
	return s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		if r.At, err = s.claimStamp(ctx, tx); err != nil {
			return err
		}
		stored, err := seenVersion(ctx, tx, "claim", r.ClaimID, r, claimWords)
		if err != nil {
			return err
		}
		if err := refuseVerifiedWithoutSources(ctx, tx, CarryClaim, r.ClaimID, r.Verdict); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO review (id, claim_id, reviewer, verdict, comment, at) VALUES (?, ?, ?, ?, ?, ?)`,
			r.ID, r.ClaimID, r.Reviewer, r.Verdict, r.Comment, formatTime(r.At))
		if err != nil {
			return fmt.Errorf("insert review: %w", err)
		}
		// A carried claim its city has not confirmed yet is not the
		// round's claim yet: checked in the update itself, so a verdict
		// never lands on one. A revision lands only on the verdict it
		// revises: not on a claim its city changed since (back to
		// review) nor on another reviewer's revision made meanwhile. A
		// first verdict lands only on a claim still waiting for one: of
		// two reviewers giving it at once, the second is told the first's.
		q, args := `UPDATE claim SET status = ?, updated_at = ? WHERE id = ? AND status <> ? AND NOT `+
			fmt.Sprintf(unconfirmedSQL, CarryClaim, "claim.id")+` AND status = ?`,
			[]any{r.Verdict, formatTime(r.At), r.ClaimID, ClaimWithdrawn, cmp.Or(r.Revises, ClaimPending)}
		if stored != "" {
			q, args = q+` AND updated_at = ?`, append(args, stored)
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("set claim status: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var st ClaimStatus
			var now string
			err := tx.QueryRowContext(ctx, `SELECT status, updated_at FROM claim WHERE id = ?`, r.ClaimID).Scan(&st, &now)
			if err == nil {
				if err := staleVerdict(r, claimWords, st, now); err != nil {
					return err
				}
			}
			switch {
			case err != nil || st == ClaimWithdrawn:
			case r.Revises != "":
				return RevisedVerdictChangedError(claimWords)
			case st != ClaimPending:
				return ReviewedMeanwhileError(st)
			}
			return claimNotChangeable(ctx, tx, r.ClaimID)
		}
		action := "claim.review"
		switch r.Revises {
		case "":
		case r.Verdict:
			action = "claim.review_comment"
		default:
			action = "claim.revise"
		}
		return s.recordEvent(ctx, tx, reviewEvent(action, "claim:"+r.ClaimID, r))
	})
}

// claimNotChangeable explains why an update of claim id changed no row:
// it does not exist, it was withdrawn meanwhile, or (a verdict) it was
// carried over and its city has not confirmed it yet.
func claimNotChangeable(ctx context.Context, tx *sql.Tx, id string) error {
	var status string
	var round int
	err := tx.QueryRowContext(ctx, `SELECT `+reviewStatusSQL(CarryClaim, "status", "claim.id")+`, round FROM claim WHERE id = ?`,
		id).Scan(&status, &round)
	if errors.Is(err, sql.ErrNoRows) {
		return Errorf(ENOTFOUND, "定性描述 %s 不存在", id)
	}
	if err != nil {
		return fmt.Errorf("read claim %s: %w", id, err)
	}
	if ClaimStatus(status) == ClaimToConfirm {
		return NotConfirmedError(Words{Chinese: "定性描述", English: "claim"}, round)
	}
	return Errorf(ECONFLICT, "这条定性描述已撤回，不能再修改或审核")
}

// NotConfirmedError is the refusal of a verdict on a claim or value
// (what: 定性描述 or 数值) carried into round and still 待确认: its city
// must confirm it first.
func NotConfirmedError(what Words, round int) *Error {
	return Errorf(ECONFLICT, "这条%s是从上一轮结转来的，城市尚未确认在 %d年度沿用（待确认），暂不能审核；请等本市协调员在“结转事项核对”页确认沿用后再审核", what, round)
}

// reopenClaimsCiting puts reviewed claims that cite a document back to
// pending (their evidence changed), with an audit event per claim, inside
// tx; it returns the claims reopened. at is the change's claimStamp,
// taken first in tx.
func (s *Store) reopenClaimsCiting(ctx context.Context, tx *sql.Tx, documentID string, at time.Time, reason, by string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT c.id, c.status FROM claim c JOIN citation t ON t.claim_id = c.id
		WHERE t.document_id = ? AND c.status <> ? AND c.status <> ? ORDER BY c.id`, documentID, ClaimPending, ClaimWithdrawn)
	if err != nil {
		return nil, fmt.Errorf("claims citing %s: %w", documentID, err)
	}
	var ids []string
	var was []ClaimStatus
	for rows.Next() {
		var id string
		var st ClaimStatus
		if err := rows.Scan(&id, &st); err != nil {
			rows.Close()
			return nil, err
		}
		ids, was = append(ids, id), append(was, st)
	}
	rows.Close()
	now := formatTime(at)
	for i, id := range ids {
		if _, err := tx.ExecContext(ctx, `UPDATE claim SET status = ?, updated_at = ? WHERE id = ?`, ClaimPending, now, id); err != nil {
			return nil, fmt.Errorf("reopen claim %s: %w", id, err)
		}
		// The verdict cleared (was) is what restoring the document gives
		// back when nothing happened to the claim since (restoreback.go).
		if err := s.recordEvent(ctx, tx, Event{User: by, Action: "claim.reopen", Object: "claim:" + id,
			Detail: map[string]any{"document": documentID, "reason": reason, "was": was[i]}}); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// Claim returns a claim with its citations, or ENOTFOUND.
func (s *Store) Claim(ctx context.Context, id string) (*Claim, error) {
	claims, err := s.queryClaims(ctx, `WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(claims) == 0 {
		return nil, Errorf(ENOTFOUND, "定性描述 %s 不存在", id)
	}
	c := &claims[0]
	if c.Citations, err = citationsIn(ctx, s.db, id); err != nil {
		return nil, err
	}
	return c, nil
}

// citationsIn reads the citations of claim id, in number order, through
// q (the store's database, or a transaction that changes them).
func citationsIn(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, id string) ([]Citation, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, position + 1, document_id, sha256, page, quote, quote_found, found_on_page, quote_read, recheck_error, COALESCE(recheck_error_en, '') FROM citation
		WHERE claim_id = ? ORDER BY position`, id)
	if err != nil {
		return nil, fmt.Errorf("query citations: %w", err)
	}
	defer rows.Close()
	var out []Citation
	for rows.Next() {
		var t Citation
		if err := rows.Scan(&t.ID, &t.Number, &t.DocumentID, &t.SHA256, &t.Page, &t.Quote, &t.QuoteFound, &t.FoundOnPage, &t.QuoteRead, &t.RecheckError, &t.RecheckErrorEN); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// ClaimsByID returns the claims of ids by ID, without their citations,
// in one query; IDs of no claim are left out.
func (s *Store) ClaimsByID(ctx context.Context, ids []string) (map[string]*Claim, error) {
	out := make(map[string]*Claim, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	return out, forInLists(ids, func(in string, args []any) error {
		cs, err := s.queryClaims(ctx, `WHERE id IN `+in, args...)
		for i := range cs {
			out[cs[i].ID] = &cs[i]
		}
		return err
	})
}

// FindClaims lists claims matching f, oldest change first (a queue),
// each with its citations: two queries for the page, however many claims
// it holds.
func (s *Store) FindClaims(ctx context.Context, f ClaimFilter) ([]Claim, error) {
	list, err := s.findClaims(ctx, f)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	citations, err := s.CitationsOf(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("citations of claims: %w", err)
	}
	for i := range list {
		list[i].Citations = citations[list[i].ID]
	}
	return list, nil
}

func (s *Store) findClaims(ctx context.Context, f ClaimFilter) ([]Claim, error) {
	var where []string
	var args []any
	if f.Indicator != "" {
		where, args = append(where, "indicator_code = ?"), append(args, f.Indicator)
	}
	if f.Status != "" {
		w, a := statusWhere(CarryClaim, "status", "claim.id", f.Status)
		where, args = append(where, w), append(args, a...)
	} else {
		where, args = append(where, "status <> ?"), append(args, ClaimWithdrawn)
	}
	where, args = filterCities(where, args, "city", f.City, f.Cities)
	if f.Round != 0 {
		where, args = append(where, "round = ?"), append(args, f.Round)
	}
	if f.After != "" {
		updated, id, err := parseClaimCursor(f.After)
		if err != nil {
			return nil, err
		}
		where, args = append(where, "(updated_at > ? OR (updated_at = ? AND id > ?))"), append(args, updated, updated, id)
	}
	q := ""
	if len(where) > 0 {
		q = "WHERE " + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	return s.queryClaims(ctx, q+` ORDER BY updated_at, id LIMIT ? OFFSET ?`, append(args, limit, max(f.Offset, 0))...)
}

// ClaimStatusCounts counts the claims matching f (its Status, Limit and
// Offset aside) per status as ReviewStatus reads it, for the review
// queue's tabs: carried claims still to be confirmed count as
// ClaimToConfirm, not ClaimPending.
func (s *Store) ClaimStatusCounts(ctx context.Context, f ClaimFilter) (map[ClaimStatus]int, error) {
	where, args := []string{"1 = 1"}, []any{}
	if f.Indicator != "" {
		where, args = append(where, "indicator_code = ?"), append(args, f.Indicator)
	}
	where, args = filterCities(where, args, "city", f.City, f.Cities)
	if f.Round != 0 {
		where, args = append(where, "round = ?"), append(args, f.Round)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+reviewStatusSQL(CarryClaim, "status", "claim.id")+`, COUNT(*) FROM claim WHERE `+
		strings.Join(where, " AND ")+` GROUP BY 1`, args...)
	if err != nil {
		return nil, fmt.Errorf("count claims by status: %w", err)
	}
	defer rows.Close()
	out := map[ClaimStatus]int{}
	for rows.Next() {
		var st ClaimStatus
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}

func (s *Store) queryClaims(ctx context.Context, where string, args ...any) ([]Claim, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, city, round, indicator_code, statement, status, created_by, created_at, updated_at,
		citations_numbered, COALESCE((SELECT k.state FROM carryover k WHERE k.kind = 'claim' AND k.object_id = claim.id), '')
		FROM claim `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("query claims: %w", err)
	}
	defer rows.Close()
	var out []Claim
	for rows.Next() {
		var c Claim
		var created, updated string
		if err := rows.Scan(&c.ID, &c.City, &c.Round, &c.Indicator, &c.Statement, &c.Status, &c.CreatedBy, &created, &updated,
			&c.LastCitation, &c.Carry); err != nil {
			return nil, err
		}
		c.CreatedAt, c.UpdatedAt = parseTime(created), parseTime(updated)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Reviews returns a claim's reviews, oldest first.
func (s *Store) Reviews(ctx context.Context, claimID string) ([]Review, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, claim_id, reviewer, verdict, comment, at FROM review WHERE claim_id = ? ORDER BY at, id`, claimID)
	if err != nil {
		return nil, fmt.Errorf("query reviews: %w", err)
	}
	defer rows.Close()
	var out []Review
	for rows.Next() {
		var r Review
		var at string
		if err := rows.Scan(&r.ID, &r.ClaimID, &r.Reviewer, &r.Verdict, &r.Comment, &at); err != nil {
			return nil, err
		}
		r.At = parseTime(at)
		out = append(out, r)
	}
	return out, rows.Err()
}

// ReviewsOf returns the reviews of each claim of ids, oldest first, in one
// query.
func (s *Store) ReviewsOf(ctx context.Context, claimIDs []string) (map[string][]Review, error) {
	out := map[string][]Review{}
	if len(claimIDs) == 0 {
		return out, nil
	}
	return out, forInLists(claimIDs, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT id, claim_id, reviewer, verdict, comment, at FROM review WHERE claim_id IN `+
			in+` ORDER BY at, id`, args...)
		if err != nil {
			return fmt.Errorf("query reviews: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r Review
			var at string
			if err := rows.Scan(&r.ID, &r.ClaimID, &r.Reviewer, &r.Verdict, &r.Comment, &at); err != nil {
				return err
			}
			r.At = parseTime(at)
			out[r.ClaimID] = append(out[r.ClaimID], r)
		}
		return rows.Err()
	})
}

// CitationsOf returns the citations of each claim of ids, in their order,
// in one query.
func (s *Store) CitationsOf(ctx context.Context, claimIDs []string) (map[string][]Citation, error) {
	out := map[string][]Citation{}
	return out, forInLists(claimIDs, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT claim_id, id, position + 1, document_id, sha256, page, quote, quote_found, found_on_page, quote_read, recheck_error, COALESCE(recheck_error_en, '')
			FROM citation WHERE claim_id IN `+in+` ORDER BY claim_id, position`, args...)
		if err != nil {
			return fmt.Errorf("query citations: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var claim string
			var t Citation
			if err := rows.Scan(&claim, &t.ID, &t.Number, &t.DocumentID, &t.SHA256, &t.Page, &t.Quote, &t.QuoteFound, &t.FoundOnPage, &t.QuoteRead, &t.RecheckError, &t.RecheckErrorEN); err != nil {
				return err
			}
			out[claim] = append(out[claim], t)
		}
		return rows.Err()
	})
}

// ClaimCount is the number of claims, verified claims and claims a
// reviewer found contradicted by their evidence, of a city for a key
// indicator.
type ClaimCount struct {
	City, Indicator string
	Claims          int
	Verified        int
	Contradicted    int
	// Insufficient counts the claims a reviewer found 证据不足: sent back
	// to the coordinator, they must show as such, not as evidence.
	Insufficient int
	// Backed counts the claims citing at least one document not deleted
	// (撤回) since, not failed (未能读取) and not returned (退回) on a task
	// of the claim's indicator and round (returnedHereSQL): a claim whose
	// every cited document was withdrawn, could not be read or was sent
	// back is no evidence, as the report reads it.
	Backed int
	// SourcesDeleted counts the claims whose cited documents are all
	// deleted (出处已删除): none of them counts in Verified.
	SourcesDeleted int
}

// CountClaims counts claims per city and indicator (of a round when round
// is not 0, of these cities when any is not empty).
func (s *Store) CountClaims(ctx context.Context, round int, cities ...string) ([]ClaimCount, error) {
	gone := sourcesDeletedSQL(CarryClaim, "claim.id")
	// A claim whose documents are all deleted is no longer 属实 whatever
	// its last verdict: it counts among SourcesDeleted instead.
	q := `SELECT city, indicator_code, COUNT(*), SUM(CASE WHEN status = 'verified' AND NOT ` + gone + ` THEN 1 ELSE 0 END),
		SUM(CASE WHEN status = 'contradicted' THEN 1 ELSE 0 END),
		SUM(CASE WHEN status = 'insufficient' THEN 1 ELSE 0 END),
		SUM(CASE WHEN EXISTS (SELECT 1 FROM citation t JOIN document d ON d.id = t.document_id
			WHERE t.claim_id = claim.id AND d.deleted_at IS NULL AND d.status <> 'failed'
			AND NOT ` + returnedHereSQL("d.id", "claim.city", "claim.round", "claim.indicator_code") + `) THEN 1 ELSE 0 END),
		SUM(CASE WHEN ` + gone + ` THEN 1 ELSE 0 END) FROM claim
		WHERE status <> 'withdrawn'`
	var args []any
	if round != 0 {
		q, args = q+` AND round = ?`, append(args, round)
	}
	if cond, a := cityIn("city", cities, false); cond != "" {
		q, args = q+` AND `+cond, append(args, a...)
	}
	rows, err := s.db.QueryContext(ctx, q+` GROUP BY city, indicator_code`, args...)
	if err != nil {
		return nil, fmt.Errorf("count claims: %w", err)
	}
	defer rows.Close()
	var out []ClaimCount
	for rows.Next() {
		var c ClaimCount
		if err := rows.Scan(&c.City, &c.Indicator, &c.Claims, &c.Verified, &c.Contradicted, &c.Insufficient, &c.Backed, &c.SourcesDeleted); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// DocumentAnyState returns a document even when deleted, for citations
// that must keep pointing at what a reviewer saw.
func (s *Store) DocumentAnyState(ctx context.Context, id string) (*Document, error) {
	row := s.db.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM document WHERE id = ?`, id)
	d, err := scanDocument(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "文档 %s 不存在", id)
	}
	if err != nil {
		return nil, fmt.Errorf("query document %s: %w", id, err)
	}
	return d, nil
}

// CitedBySHA256 returns the cities of the claims and values citing these
// bytes: a value's source keeps its original as a claim's citation does
// (the tombstone page and /values point at it alike).
func (s *Store) CitedBySHA256(ctx context.Context, sha string) (cities []string, err error) {
	rows, err := s.db.QueryContext(ctx, `SELECT c.city FROM citation t JOIN claim c ON c.id = t.claim_id WHERE t.sha256 = ?
		UNION SELECT v.city FROM value v WHERE v.sha256 = ?`, sha, sha)
	if err != nil {
		return nil, fmt.Errorf("query citations by sha256: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		cities = append(cities, c)
	}
	return cities, rows.Err()
}

// CurrentRound returns the current monitoring round's year, the latest
// round's when none is marked current, 0 when there is no round at all
// (BlankRound says so to a request).
func (s *Store) CurrentRound(ctx context.Context) (int, error) {
	var y int
	err := s.db.QueryRowContext(ctx, `SELECT year FROM round WHERE is_current = 1`).Scan(&y)
	if errors.Is(err, sql.ErrNoRows) {
		err = s.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(year), 0) FROM round`).Scan(&y)
	}
	return y, err
}

// BlankRound is the round a request that left field blank is about: the
// current round (CurrentRound), or NoRoundYet about field when the
// archive has no round at all.
func (s *Store) BlankRound(ctx context.Context, field string) (int, error) {
	y, err := s.CurrentRound(ctx)
	if err == nil && y == 0 {
		return 0, NoRoundYet(field)
	}
	return y, err
}

// RoundExists reports whether a monitoring round is known.
func (s *Store) RoundExists(ctx context.Context, year int) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM round WHERE year = ?`, year).Scan(&n)
	return n > 0, err
}
