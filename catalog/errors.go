package catalog

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Application error codes. They are stable English identifiers that API
// clients can switch on; the HTTP layer maps each to one status code.
const (
	ECONFLICT     = "ECONFLICT"     // the object already exists or changed underneath
	EFORBIDDEN    = "EFORBIDDEN"    // a known user lacks the right
	EINTERNAL     = "EINTERNAL"     // a bug or an unexpected failure; details go to the log only
	EINVALID      = "EINVALID"      // the request or the file is malformed
	ENOTFOUND     = "ENOTFOUND"     // no such object (or not visible to the caller)
	ETHROTTLED    = "ETHROTTLED"    // too many attempts; retry after Error.RetryAfter
	ESTALE        = "ESTALE"        // a change built on a version the client read (If-Match) that is no longer the object's
	ETOOLARGE     = "ETOOLARGE"     // an upload or a decompressed part exceeds a limit
	EUNAUTHORIZED = "EUNAUTHORIZED" // no credential or a bad one
	EUNAVAILABLE  = "EUNAVAILABLE"  // a dependency (object store, index) is down; retry later
	EUNSUPPORTED  = "EUNSUPPORTED"  // a file type the archive cannot read yet
)

// Error is the application error: a code for programs and a message for
// people. The message is shown to users as it is, so it must never carry
// internal details such as paths, SQL or stack traces.
type Error struct {
	Code    string
	Message string
	// RetryAfter is how long an ETHROTTLED caller must wait; zero for
	// every other code.
	RetryAfter time.Duration
	// Field names the form field that was wrong (its form name, such as
	// issued_on), so a form can show the message beside it; empty when
	// the error is about no one field.
	Field string
	// English is the message in English for the English pages; empty
	// when it has no translation (englishMessages), and then Message is
	// shown.
	English string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an application error with the given code and a formatted,
// user-facing message. The format's punctuation next to Chinese is made
// full-width (Fullwidth), and a Chinese format's %q puts its value in
// Chinese quotation marks (chineseQuotes); the values put into it are left
// as they are.
func Errorf(code string, format string, args ...any) *Error {
	english := EnglishOf(format, args...)
	format, args = chineseQuotes(format, args)
	return &Error{Code: code, Message: fmt.Sprintf(TypedText(format), args...), English: english}
}

// AsInvalid is an application error err, such as an ENOTFOUND for a code
// typed into a form, as EINVALID about field (none when ""), its messages
// in both languages kept; any other error as it is.
func AsInvalid(err error, field string) error {
	var e *Error
	if !errors.As(err, &e) {
		return err
	}
	c := *e
	c.Code = EINVALID
	if field != "" {
		c.Field = field
	}
	return &c
}

// OnField is e about the form field field, its messages kept.
func (e *Error) OnField(field string) *Error {
	c := *e
	c.Field = field
	return &c
}

// Prefixed is e with what it is about put before its messages (文件“a.pdf”：…,
// “a.pdf”: …); the English only when e has one.
func (e *Error) Prefixed(chinese, english string) *Error {
	c := *e
	c.Message = chinese + e.Message
	if e.English != "" {
		c.English = english + e.English
	}
	return &c
}

// FieldErrorf is Errorf for an error about one field of a form or request
// body, named by its form name.
func FieldErrorf(field, code, format string, args ...any) *Error {
	e := Errorf(code, format, args...)
	e.Field = field
	return e
}

// OnInvalidField is err about field when it is an EINVALID error that
// names no field, so that a form shows it beside the field and the API in
// "field"; any other error as it is (an internal one is nobody's field).
func OnInvalidField(field string, err error) error {
	var e *Error
	if errors.As(err, &e) && e.Field == "" && e.Code == EINVALID {
		return e.OnField(field)
	}
	return err
}

// NotFoundAsInvalid is a not-found error as EINVALID, its message kept: a
// form that names a city, indicator or document that does not exist has a
// mistake in it; any other error as it is.
func NotFoundAsInvalid(err error) error {
	if IsNotFound(err) {
		return AsInvalid(err, "")
	}
	return err
}

// Join is the application errors found in one form or request body, to
// report them all at once, each beside its field: nil when errs hold
// none, the one error when they hold one, else an error whose code,
// message and field are its first one's (errors.As finds it first) and
// whose every error Each lists. A joined error among errs is taken apart.
// An error that is not an application error is returned alone: it is an
// internal failure, and the form's mistakes wait until it is gone.
func Join(errs ...error) error {
	var all joined
	for _, err := range errs {
		if err == nil {
			continue
		}
		es := Each(err)
		if es == nil {
			return err
		}
		all = append(all, es...)
	}
	switch len(all) {
	case 0:
		return nil
	case 1:
		return all[0]
	}
	return all
}

// Each lists the application errors err reports: every one of a Join,
// else the first in its chain; none for nil or an internal error.
func Each(err error) []*Error {
	var j joined
	if errors.As(err, &j) {
		return slices.Clone(j)
	}
	var e *Error
	if errors.As(err, &e) {
		return []*Error{e}
	}
	return nil
}

// joined is several application errors reported at once (Join).
type joined []*Error

func (j joined) Error() string {
	msgs := make([]string, len(j))
	for i, e := range j {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

func (j joined) Unwrap() []error {
	out := make([]error, len(j))
	for i, e := range j {
		out[i] = e
	}
	return out
}

// ErrorField returns the field the first application error in err's chain
// is about, or "".
func ErrorField(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Field
	}
	return ""
}

// Throttled returns an ETHROTTLED error that says how long to wait, in
// English too when Errorf would give it.
func Throttled(retryAfter time.Duration, format string, args ...any) *Error {
	e := Errorf(ETHROTTLED, format, args...)
	e.RetryAfter = retryAfter
	return e
}

// RetryAfter returns how long the caller must wait before trying again,
// when err's first application error is ETHROTTLED, or an EUNAVAILABLE
// that says.
func RetryAfter(err error) (time.Duration, bool) {
	var e *Error
	if errors.As(err, &e) && (e.Code == ETHROTTLED || e.Code == EUNAVAILABLE && e.RetryAfter > 0) {
		return e.RetryAfter, true
	}
	return 0, false
}

// ErrorCode returns the code of the first application error in err's chain,
// EINTERNAL for any other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of the first application
// error in err's chain, or a generic message for any other error so that
// internal details never reach a user.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return Fullwidth("内部错误，已记录日志；请稍后重试或联系管理员 (internal error)")
}

// MessageIn is ErrorMessage in English when english is set and the
// message has an English version, else in Chinese.
func MessageIn(err error, english bool) string {
	if !english || err == nil {
		return ErrorMessage(err)
	}
	var e *Error
	if !errors.As(err, &e) {
		return "Internal error, logged; try again later or contact the administrator (internal error)"
	}
	if e.English != "" {
		return e.English
	}
	return e.Message
}

// IsNotFound reports whether err is an ENOTFOUND application error.
func IsNotFound(err error) bool { return ErrorCode(err) == ENOTFOUND }
