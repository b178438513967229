package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

const assignmentsUsage = `usage: evidence assignments import FILE --city CODE [--round YEAR]
       evidence assignments list [--city CODE] [--round YEAR] [--department D] [--status open|submitted|returned|accepted] [--json]`

// runAssignments imports and lists responsibility tables (责任分解表) as
// an admin, with the rules of the assignments service.
func runAssignments(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, assignmentsUsage)
		return exitError{2}
	}
	switch args[0] {
	case "import":
		return runAssignmentsImport(ctx, args[1:], stdout, stderr)
	case "list":
		return runAssignmentsList(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintln(stderr, assignmentsUsage)
	return exitError{2}
}

func runAssignmentsImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("assignments import", stderr)
	cmd.reorder = true
	city := cmd.String("city", "", "city code, e.g. 330100")
	round := cmd.Int("round", 0, "monitoring round (year); default: the current one")
	lang, err := cmd.parse(args)
	if err != nil {
		return err
	}
	if cmd.NArg() != 1 {
		return catalog.Errorf(catalog.EINVALID, "请给出一个责任分解表文件:evidence assignments import FILE --city 330100")
	}
	file := cmd.Arg(0)
	body, err := os.ReadFile(file)
	if err != nil {
		return catalog.Errorf(catalog.EINVALID, "无法读取 %s:%v", file, err)
	}
	return cmd.withApp(ctx, appOptions{existing: true}, func(a *app) error {
		imp, err := a.assignments.Import(ctx, cliAdmin(), assignments.ImportRequest{City: *city, Round: *round, Filename: file, Data: body})
		if err != nil {
			return err
		}
		say(stdout, lang, "已导入责任分解表:新增 %d 项,更新 %d 项", imp.Added, imp.Updated)
		if len(imp.NewDepartments) > 0 {
			say(stdout, lang, ";新加入部门名单:%v", imp.NewDepartments)
		}
		fmt.Fprintln(stdout)
		return nil
	})
}

// assignmentStatusEnglish are the statuses' names in English, as the
// English pages name them.
var assignmentStatusEnglish = map[catalog.AssignmentStatus]string{
	catalog.AssignmentOpen:      "Open",
	catalog.AssignmentSubmitted: "Submitted",
	catalog.AssignmentReturned:  "Returned",
	catalog.AssignmentAccepted:  "Accepted",
}

func runAssignmentsList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("assignments list", stderr)
	city := cmd.String("city", "", "city code")
	round := cmd.Int("round", 0, "monitoring round (year)")
	dept := cmd.String("department", "", "department (责任单位)")
	status := cmd.String("status", "", "open, submitted, returned or accepted")
	asJSON := cmd.Bool("json", false, "print JSON")
	lang, err := cmd.parse(args)
	if err != nil {
		return err
	}
	f := assignments.Filter{City: *city, Round: *round, Department: *dept}
	if *status != "" {
		st, err := catalog.ParseAssignmentStatus(*status)
		if err != nil {
			return err
		}
		f.Status = st
	}
	return cmd.withApp(ctx, appOptions{existing: true}, func(a *app) error {
		// As the board, each owed task says what the coordinator linked
		// (linked_by_coordinator in the JSON, as the API's).
		list, err := a.assignments.ListLinked(ctx, cliAdmin(), f)
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(stdout).Encode(map[string]any{"assignments": list})
		}
		for _, t := range list {
			late := ""
			if t.Overdue {
				late = words(lang, " 逾期", " overdue")
			}
			status := words(lang, catalog.AssignmentStatusLabels[t.Status], assignmentStatusEnglish[t.Status])
			fmt.Fprintf(stdout, "%s\t%s\t%d\t%s\t%s\t%s\t%s%s%s\t%s\n", t.ID, t.City, t.Round, t.Indicator, t.Department,
				sayf(lang, "截止 %s", t.Due), status, linkedNote(lang, t), late, t.Contact)
			for _, id := range t.Documents {
				if r, ok := t.Returned[id]; ok {
					sayln(stdout, lang, "    已退回：%s  %s %s，原因：%s", id, r.By,
						r.At.In(catalog.ChinaTime).Format("2006-01-02 15:04")+" UTC+8", catalog.TypedText(r.Reason))
				}
			}
			if l := t.LinkedByCoordinator; l != nil {
				for _, d := range l.Documents {
					sayln(stdout, lang, "    协调员已关联：%s  %s", d.ID, d.Title)
				}
			}
		}
		sayln(stdout, lang, "共 %d 项任务", len(list))
		return nil
	})
}

// linkedNote is what an owed task says, as the board does, when the
// coordinator linked documents to its indicator for its round: no
// hand-in by the department, so the task stays 未提交.
func linkedNote(lang report.Lang, t assignments.Task) string {
	if t.LinkedByCoordinator == nil {
		return ""
	}
	return sayf(lang, "（协调员已关联 %d 份佐证材料，不算部门提交）", t.LinkedByCoordinator.Count)
}
