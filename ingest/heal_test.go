package ingest

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// healText is the bytes of a work summary uploaded twice.
const healText = "2018年社区教育工作总结：全市社区学校覆盖率达到85%，新建社区学校12所，建成十几个市级终身学习体验基地。"

// storedOriginal is the bytes the store holds under sha's original.
func storedOriginal(t *testing.T, r *rig, sha string) string {
	t.Helper()
	rc, err := r.blobs.Get(context.Background(), catalog.OriginalKey(sha))
	if err != nil {
		t.Fatalf("get original: %v", err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// damage puts sha's original back with one byte changed: the same size,
// another hash, as a bit flipped on disk leaves it.
func damage(t *testing.T, r *rig, sha string) {
	t.Helper()
	b := []byte(storedOriginal(t, r, sha))
	b[3] ^= 0x01
	if err := r.blobs.Put(context.Background(), catalog.OriginalKey(sha), bytes.NewReader(b), int64(len(b)), "text/plain"); err != nil {
		t.Fatal(err)
	}
}

func originalProblems(t *testing.T, r *rig) []Problem {
	t.Helper()
	problems, err := Check(context.Background(), r.cat, r.blobs, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []Problem
	for _, p := range problems {
		if p.Kind == ProblemOriginal {
			out = append(out, p)
		}
	}
	return out
}

func TestUploadingTheSameFileMendsADamagedOrMissingOriginal(t *testing.T) {
	for _, c := range []struct {
		name    string
		breakIt func(t *testing.T, r *rig, sha string)
	}{
		{"损坏（同样大小）", damage},
		{"缺失", func(t *testing.T, r *rig, sha string) {
			if err := r.blobs.Delete(context.Background(), catalog.OriginalKey(sha)); err != nil {
				t.Fatal(err)
			}
		}},
		{"截短", func(t *testing.T, r *rig, sha string) {
			b := []byte(healText[:9])
			if err := r.blobs.Put(context.Background(), catalog.OriginalKey(sha), bytes.NewReader(b), int64(len(b)), ""); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := newRig(t)
			svc, _ := r.service(t)
			first := submitText(t, svc, "工作总结.txt", healText)
			if again := submitText(t, svc, "工作总结.txt", healText); !again.Duplicate || again.RepairedOriginal {
				t.Fatalf("a sound original sent again: duplicate %v repaired %v, want a duplicate only", again.Duplicate, again.RepairedOriginal)
			}
			sha := first.Document.SHA256
			c.breakIt(t, r, sha)
			if len(originalProblems(t, r)) != 1 {
				t.Fatalf("check does not find the broken original")
			}
			again := submitText(t, svc, "总结-副本.txt", healText)
			if !again.Duplicate || !again.RepairedOriginal || again.Document.ID != first.Document.ID {
				t.Fatalf("sent again over a broken original: duplicate %v repaired %v document %s (want %s)",
					again.Duplicate, again.RepairedOriginal, again.Document.ID, first.Document.ID)
			}
			if got := storedOriginal(t, r, sha); got != healText {
				t.Errorf("stored original after the repair: %q, want the bytes sent", got)
			}
			if p := originalProblems(t, r); len(p) != 0 {
				t.Errorf("check after the repair: %v", p)
			}
			evs, err := r.cat.Events(context.Background(), first.Document.ID, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(evs) == 0 || evs[0].Action != "document.duplicate" || evs[1].Action != EventOriginalRepaired || evs[1].User != coordinator.Username {
				t.Errorf("audit log after the repair: %+v, want the repair by %s then the duplicate", evs, coordinator.Username)
			}
			if w := RepairedWords(again.Document); !strings.Contains(w.Chinese, "已用上传的文件修复损坏的原件《") || !strings.Contains(w.English, "Repaired the damaged original") {
				t.Errorf("repair words: %+v", w)
			}
		})
	}
}

// A large original of the right size is not hashed on every duplicate;
// once check has flagged it, sending it again mends it.
func TestALargeDamagedOriginalIsMendedOnceCheckFlaggedIt(t *testing.T) {
	defer func(was int64) { healHashLimit = was }(healHashLimit)
	healHashLimit = 16 // the summary counts as large
	r := newRig(t)
	svc, _ := r.service(t)
	first := submitText(t, svc, "工作总结.txt", healText)
	sha := first.Document.SHA256
	damage(t, r, sha)
	if again := submitText(t, svc, "工作总结.txt", healText); again.RepairedOriginal {
		t.Fatalf("a large original of the right size was hashed without a flag")
	}
	problems := originalProblems(t, r)
	if len(problems) != 1 {
		t.Fatalf("check finds %d problems with originals, want 1", len(problems))
	}
	for range 2 { // flagged once, however often check runs
		if err := FlagDamagedOriginals(context.Background(), r.cat, problems, "cli:admin"); err != nil {
			t.Fatal(err)
		}
	}
	flags, err := r.cat.FindEvents(context.Background(), catalog.EventFilter{Object: first.Document.ID, Action: EventOriginalDamaged})
	if err != nil || len(flags) != 1 {
		t.Fatalf("flags recorded: %d (%v), want 1", len(flags), err)
	}
	if again := submitText(t, svc, "工作总结.txt", healText); !again.RepairedOriginal {
		t.Fatalf("a flagged original sent again was not mended")
	}
	if got := storedOriginal(t, r, sha); got != healText {
		t.Errorf("stored original after the repair: %q", got)
	}
	// Mended, it is trusted again by its size.
	if again := submitText(t, svc, "工作总结.txt", healText); again.RepairedOriginal {
		t.Errorf("a mended original was mended again")
	}
}
