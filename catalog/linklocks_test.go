package catalog

import (
	"context"
	"testing"
)

// heldAt starts op and returns once it reaches *hook (it then holds the
// link's document); release lets it go on, and done gives its result.
func heldAt(t *testing.T, hook *func(), op func() error) (release func(), done <-chan error) {
	t.Helper()
	inside, let := make(chan struct{}), make(chan struct{})
	*hook = func() { close(inside); <-let }
	t.Cleanup(func() { *hook = nil })
	out := make(chan error, 1)
	go func() { out <- op() }()
	select {
	case <-inside:
	case err := <-out:
		t.Fatalf("ended before it held the document: %v", err)
	}
	return func() { *hook = nil; close(let) }, out
}

// quotedLink is a document linked to 1.1.1 with a quote, on a catalog
// with that indicator.
func quotedLink(t *testing.T, s *Store, id string) *Link {
	t.Helper()
	ctx := context.Background()
	if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "wang", Filename: id + ".txt"}); err != nil {
		t.Fatal(err)
	}
	l := &Link{DocumentID: id, IndicatorCode: "1.1.1", Page: 1, Quote: "建成社区学习共同体 120 个", CreatedBy: "wang"}
	if err := s.CreateLinks(ctx, []*Link{l}, false); err != nil {
		t.Fatal(err)
	}
	return l
}

// On a shared PostgreSQL catalog a quote added to a link while the link
// is deleted takes the rows in the order the deletion does, the
// document's and then the link's: one waits for the other and neither
// deadlocks. In the old order (the deletion held the link, then waited
// for the document the quote held, which waited for the link)
// PostgreSQL broke the deadlock by failing one of them.
func TestPostgresQuoteAndUnlinkDoNotDeadlock(t *testing.T) {
	s := storeOpeners[1].open(t)
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")

	// The quote holds the document; the deletion waits, then deletes the
	// link with the passage added.
	l := quotedLink(t, s, "学分银行实施方案")
	release, quoted := heldAt(t, &s.quoteDocumentLocked, func() error {
		return s.AddLinkQuote(ctx, &Link{DocumentID: l.DocumentID, IndicatorCode: "1.1.1", Page: 2, Quote: "学分银行开户 3.2 万人", CreatedBy: "wang"})
	})
	deleted := make(chan error, 1)
	go func() { deleted <- s.DeleteLink(ctx, l.ID, "admin") }()
	waitForLockWaiters(t, s, 1, "a link deleted while a quote is added to it")
	release()
	if err := <-quoted; err != nil {
		t.Errorf("quote added while the link is deleted: %v, want it added", err)
	}
	if err := <-deleted; err != nil {
		t.Errorf("link deleted while a quote is added to it: %v, want it deleted", err)
	}
	assertUnlinked(t, s, l.ID)

	// The deletion holds the document; the quote waits, then finds no
	// link to add to.
	l = quotedLink(t, s, "社区教育工作总结")
	release, unlinked := heldAt(t, &s.unlinkDocumentLocked, func() error { return s.DeleteLink(ctx, l.ID, "admin") })
	quoted2 := make(chan error, 1)
	go func() {
		quoted2 <- s.AddLinkQuote(ctx, &Link{DocumentID: l.DocumentID, IndicatorCode: "1.1.1", Page: 2, Quote: "学习型社区 56 个", CreatedBy: "wang"})
	}()
	waitForLockWaiters(t, s, 1, "a quote added while the link is deleted")
	release()
	if err := <-unlinked; err != nil {
		t.Errorf("link deleted while a quote is added to it: %v, want it deleted", err)
	}
	if err := <-quoted2; ErrorCode(err) != ENOTFOUND {
		t.Errorf("quote added to the link deleted meanwhile: %v, want ENOTFOUND", err)
	}
	assertUnlinked(t, s, l.ID)
}

// assertUnlinked fails unless link id and its passages are gone.
func assertUnlinked(t *testing.T, s *Store, id string) {
	t.Helper()
	var links, quotes int
	if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM link WHERE id = ?), (SELECT count(*) FROM link_quote WHERE link_id = ?)`,
		id, id).Scan(&links, &quotes); err != nil {
		t.Fatal(err)
	}
	if links != 0 || quotes != 0 {
		t.Errorf("link %s after its deletion: %d links, %d passages; want none", id, links, quotes)
	}
}

// On a shared PostgreSQL catalog, recording where a link's quote is
// found (RecordQuotesFoundAgain) and marking it to be looked for again
// (MarkQuotesToRecheck) take the link's document's row before the
// link's, as deleting the link does: each waits for the deletion holding
// the document, and neither deadlocks. In the other order (the link,
// then the document) one of them would hold what the other waits for.
func TestPostgresQuoteMarksLockTheDocumentFirst(t *testing.T) {
	s := storeOpeners[1].open(t)
	t.Cleanup(func() { s.Close() })
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	for _, c := range []struct {
		name string
		mark func(quotes []CitedQuote, sha string) error
	}{
		{"RecordQuotesFoundAgain", func(quotes []CitedQuote, _ string) error {
			_, err := s.RecordQuotesFoundAgain(ctx, []QuoteFoundAgain{{Quote: quotes[0], Found: true, FoundOnPage: 1}})
			return err
		}},
		{"MarkQuotesToRecheck", func(_ []CitedQuote, sha string) error {
			_, err := s.MarkQuotesToRecheck(ctx, sha, "文字存储暂时无法读取", "")
			return err
		}},
	} {
		l := quotedLink(t, s, "社区教育年报"+c.name)
		sha := "sha-" + l.DocumentID
		quotes, err := s.QuotesIn(ctx, sha)
		if err != nil || len(quotes) != 1 {
			t.Fatalf("quotes in the text: %+v, %v; want the link's", quotes, err)
		}
		release, unlinked := heldAt(t, &s.unlinkDocumentLocked, func() error { return s.DeleteLink(ctx, l.ID, "admin") })
		marked := make(chan error, 1)
		go func() { marked <- c.mark(quotes, sha) }()
		waitForLockWaiters(t, s, 1, c.name+" while the link is deleted")
		release()
		if err := <-unlinked; err != nil {
			t.Errorf("%s: link deleted while its quote is marked: %v, want it deleted", c.name, err)
		}
		if err := <-marked; err != nil {
			t.Errorf("%s while the link is deleted: %v, want nothing marked and no error", c.name, err)
		}
		assertUnlinked(t, s, l.ID)
	}
}
