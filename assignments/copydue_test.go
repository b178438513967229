package assignments_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
)

// TestCopyPreviousDueAsksForADateWhereTheShiftIsPast: 杭州's 2018 table
// (due 03-31, 04-15, 04-30) copied into 2019 on 10 April 2019 would
// leave 2.3.1 due 2019-03-31, overdue at once. Without a new date the
// copy is refused naming the date and nothing is copied; a new date
// already past, or no date, is refused; with one, 2.3.1 is due on it and
// the two still ahead keep their shifted dates.
func TestCopyPreviousDueAsksForADateWhereTheShiftIsPast(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	if err := e.Framework.AddRound(ctx, admin, catalog.Round{Year: 2019, Label: "2019年度监测"}); err != nil {
		t.Fatal(err)
	}
	imported(t, s)
	s.SetClock(func() time.Time { return time.Date(2019, 4, 10, 12, 0, 0, 0, time.UTC) })
	for _, tt := range []struct {
		name, due, want string
	}{
		{"no new date", "", "顺延后为 2019-03-31 等，已早于今天"},
		{"a new date already past", "2019-04-09", "新的截止日期 2019-04-09 已过"},
		{"not a date", "下月底", "截止日期“下月底”无法识别"},
	} {
		_, err := s.CopyPreviousDue(ctx, coordA, "", 2019, tt.due)
		if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "due" || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s (%q): %v, want EINVALID about the due date saying %q", tt.name, tt.due, err, tt.want)
		}
		if tasks, err := s.List(ctx, coordA, assignments.Filter{City: hangzhou, Round: 2019}); err != nil || len(tasks) != 0 {
			t.Errorf("%s: 2019 has %d tasks after the refusal (%v), want none", tt.name, len(tasks), err)
		}
	}

	cp, err := s.CopyPreviousDue(ctx, coordA, "", 2019, "2019年5月31日")
	if err != nil {
		t.Fatal(err)
	}
	if cp.Added != 3 || cp.Redated != 1 {
		t.Errorf("copy with a new date: %+v, want 3 added, 1 of them due on it", cp)
	}
	tasks, err := s.List(ctx, coordA, assignments.Filter{City: hangzhou, Round: 2019})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"2.3.1": "2019-05-31", "1.3.2": "2019-04-15", "3.1.1": "2019-04-30"}
	for _, task := range tasks {
		if task.Due != want[task.Indicator] || task.Overdue {
			t.Errorf("2019 task %s: due %s (overdue %v), want %s and not overdue", task.Indicator, task.Due, task.Overdue, want[task.Indicator])
		}
	}
	// Copied again, the tasks the round has keep their dates: no new
	// date is asked for them.
	if again, err := s.CopyPreviousDue(ctx, coordA, "", 2019, ""); err != nil || again.Added != 0 || again.Existing != 3 {
		t.Errorf("copying again with no date: %+v, %v; want nothing added, 3 there", again, err)
	}
}

// TestCopyWithoutADateSaysWhatIsOverdue: the API's copy given no date
// shifts 杭州's 2018 table into 2019 on 10 May 2019 and says the tasks it
// added overdue, with how to mend them; a later copy, dated or not, adds
// nothing, moves no date the round has (the coordinator's own, or one
// imported, cannot be told from a copied one) and warns of nothing.
func TestCopyWithoutADateSaysWhatIsOverdue(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	if err := e.Framework.AddRound(ctx, admin, catalog.Round{Year: 2019, Label: "2019年度监测"}); err != nil {
		t.Fatal(err)
	}
	imported(t, s)
	s.SetClock(func() time.Time { return time.Date(2019, 5, 10, 12, 0, 0, 0, time.UTC) })
	cp, err := s.CopyPrevious(ctx, coordA, "", 2019)
	if err != nil {
		t.Fatal(err)
	}
	words, late := assignments.OverdueWarning(cp)
	if cp.Added != 3 || cp.Overdue != 3 || !late || !strings.Contains(words.Chinese, "复制来的 3 项任务截止日期已过") ||
		!strings.Contains(words.English, "3 copied tasks are past their due date") {
		t.Fatalf("copy without a date on 10 May: %+v, warning %+v (%v); want 3 added, all 3 overdue and said so", cp, words, late)
	}
	for _, due := range []string{"", "2019-06-30"} {
		again, err := s.CopyPreviousDue(ctx, coordA, "", 2019, due)
		if due == "" {
			again, err = s.CopyPrevious(ctx, coordA, "", 2019)
		}
		if err != nil || again.Added != 0 || again.Existing != 3 || again.Redated != 0 || again.Overdue != 0 {
			t.Errorf("copying again (due %q): %+v, %v; want nothing added, moved or warned of", due, again, err)
		}
	}
	tasks, err := s.List(ctx, coordA, assignments.Filter{City: hangzhou, Round: 2019})
	if err != nil {
		t.Fatal(err)
	}
	for _, task := range tasks {
		if task.Due >= "2019-05-10" || !task.Overdue {
			t.Errorf("2019 task %s due %s (overdue %v) after copying again: a copy moves no date the round has", task.Indicator, task.Due, task.Overdue)
		}
	}
}
