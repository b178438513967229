package ingest

import (
	"fmt"
	"testing"
)

// TestVerifiedTextsKeepTheTextsInUse: a walk through many times more texts
// than one generation holds (an export, a crawler over /text) leaves a text
// read now and then remembered as checked, so its views cost no hash again,
// while a text not read since is forgotten and the memory stays bounded.
func TestVerifiedTextsKeepTheTextsInUse(t *testing.T) {
	v := &VerifiedTexts{}
	const inUse = "text/在用的工作总结.json"
	v.remember(inUse, "v1")
	for i := range 3 * maxVerified {
		v.remember(fmt.Sprintf("text/%05d.json", i), "v1")
		if i%1000 == 999 && !v.seen(inUse, "v1") {
			t.Fatalf("after %d other texts, the text read every thousand is no longer remembered", i+1)
		}
	}
	if v.seen("text/00000.json", "v1") {
		t.Errorf("a text not read since %d others were is still remembered", 3*maxVerified)
	}
	if n := len(v.verified) + len(v.older); n > 2*maxVerified {
		t.Errorf("%d versions remembered, want at most %d", n, 2*maxVerified)
	}
	if v.seen(inUse, "v2") {
		t.Errorf("another version of the text in use taken for checked")
	}
}
