package ingest

import (
	"context"
	"errors"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// quotesFailingWith cannot look for quotes: it fails with err.
type quotesFailingWith struct{ err error }

func (q quotesFailingWith) RecheckQuotes(context.Context, string) (catalog.QuotesRechecked, error) {
	return catalog.QuotesRechecked{}, q.err
}

func (q quotesFailingWith) RecheckLinkQuotes(context.Context, string, string) (catalog.QuotesRechecked, error) {
	return catalog.QuotesRechecked{}, q.err
}

// TestQuotesNeitherCheckedNorMarkedAreCounted: looking again for the
// quotes of a text read anew fails, and so does marking them 引文待重新核对
// (the catalog is gone too). The quotes keep the old text's marks, so
// the run must not say nothing: the text is counted Unmarked, with why in
// both languages.
func TestQuotesNeitherCheckedNorMarkedAreCounted(t *testing.T) {
	r := newRig(t)
	svc, _ := r.service(t)
	svc.UseQuotes(quotesFailingWith{&catalog.Error{Code: catalog.EUNAVAILABLE, Message: "文字存储暂时无法读取，请稍后再试",
		English: "The text store cannot be read just now; try again later"}})
	r.cat.Close()
	q := svc.recheckQuotes(context.Background(), "sha-社区教育总结")
	if q.Unmarked != 1 || q.Failed != 0 || q.Checked != 0 {
		t.Errorf("checked %d, failed %d, unmarked %d; want the text counted unmarked", q.Checked, q.Failed, q.Unmarked)
	}
	if q.Why(false) != "文字存储暂时无法读取，请稍后再试" || q.Why(true) != "The text store cannot be read just now; try again later" {
		t.Errorf("why: %q / %q", q.Why(false), q.Why(true))
	}
}

// TestQuoteRecheckFailureKeepsItsEnglish: a failure that is no
// application error is told by the fallback reason, in Chinese and in
// English; an application error's English is kept beside its Chinese.
func TestQuoteRecheckFailureKeepsItsEnglish(t *testing.T) {
	r := newRig(t)
	svc, _ := r.service(t)
	svc.UseQuotes(quotesFailingWith{errors.New("read blob: connection reset")})
	q := svc.recheckQuotes(context.Background(), "sha-社区教育总结")
	if len(q.Reasons) != 1 || q.Reasons[0].English == "" || q.Reasons[0].Chinese == "" || q.Unmarked != 0 {
		t.Fatalf("the fallback reason: %+v, want it in Chinese and English, the text's quotes marked", q)
	}
	if q.Why(true) != "Looking for the quotes again failed (an internal error, logged); read the text again, or save the quote again, to check it again" {
		t.Errorf("the fallback reason in English: %q", q.Why(true))
	}
	if q.Why(false) != "重新核对引文时出错（内部错误，已记录日志）；再次重新读取，或重新保存引文，即可再核对" {
		t.Errorf("the fallback reason in Chinese: %q", q.Why(false))
	}
}
