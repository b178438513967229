package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/api"
	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

var assignmentsUsage = subcommandUsage{
	zh: `用法：evidence assignments import 文件 --city 城市代码 [--round 年份] [--remove-missing] [--server URL --token T]
      evidence assignments list [--city 城市代码] [--round 年份] [--department 责任单位] [--status open|submitted|returned|accepted] [--json] [--server URL --token T]
      evidence assignments delete ID [--server URL --token T]`,
	en: `usage: evidence assignments import FILE --city CODE [--round YEAR] [--remove-missing] [--server URL --token T]
       evidence assignments list [--city CODE] [--round YEAR] [--department D] [--status open|submitted|returned|accepted] [--json] [--server URL --token T]
       evidence assignments delete ID [--server URL --token T]`,
}

// runAssignments imports and lists responsibility tables (责任分解表) as
// an admin, with the rules of the assignments service.
func runAssignments(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	switch {
	case len(args) > 0 && args[0] == "import":
		return runAssignmentsImport(ctx, args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "list":
		return runAssignmentsList(ctx, args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "delete":
		return runAssignmentsDelete(ctx, args[1:], stdout, stderr)
	}
	return badSubcommand(args, assignmentsUsage, stderr)
}

// runAssignmentsDelete deletes a task added or imported by mistake, on
// the data folder as an admin or, with --server, through DELETE
// /api/v1/assignments/{id} as the token's user: the rules of
// assignments.Service.Delete either way (nothing handed in; audited).
func runAssignmentsDelete(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("assignments delete", stderr)
	cmd.reorder = true
	server, token := cmd.serverFlags("本市协调员或管理员的 API `令牌`，用于 --server（或 $EVIDENCE_TOKEN）")
	lang, err := cmd.parse(args)
	if err != nil {
		return err
	}
	if cmd.NArg() != 1 {
		return catalog.Errorf(catalog.EINVALID, "请给出一项任务的 ID：evidence assignments delete ID（ID 见 evidence assignments list）")
	}
	id := cmd.Arg(0)
	var t api.AssignmentJSON
	if *server != "" {
		var body struct {
			Deleted api.AssignmentJSON `json:"deleted"`
		}
		c := dial(*server, *token, lang)
		err = c.doWaiting(ctx, func() (*http.Request, error) {
			req, err := http.NewRequestWithContext(ctx, "DELETE", c.base+"/api/v1/assignments/"+url.PathEscape(id), nil)
			if err != nil {
				return nil, catalog.Errorf(catalog.EINVALID, "服务器地址 %q 无效：%v", c.base, err)
			}
			return req, nil
		}, &body, func(line string) { fmt.Fprintln(stderr, line) })
		t = body.Deleted
	} else {
		err = cmd.withApp(ctx, appOptions{existing: true}, func(a *app) error {
			deleted, err := a.assignments.Delete(ctx, cliAdmin(), id)
			if err == nil {
				t = api.AssignmentList([]assignments.Task{*deleted})[0]
			}
			return err
		})
	}
	if err != nil {
		return err
	}
	sayln(stdout, lang, "已删除任务 %s：%s %s，截止 %s", t.ID, t.Indicator, t.Department, t.Due)
	return nil
}

// assignmentStatusEnglish are the statuses' names in English, as the
// English pages name them.
var assignmentStatusEnglish = map[catalog.AssignmentStatus]string{
	catalog.AssignmentOpen:      "Open",
	catalog.AssignmentSubmitted: "Submitted",
	catalog.AssignmentReturned:  "Returned",
	catalog.AssignmentAccepted:  "Accepted",
}

// runAssignmentsList lists tasks from the data folder (as an admin) or,
// with --server, through a running archive's API as the token's user (GET
// /api/v1/assignments, as the web's /tasks): the same columns either way,
// and with --json the API's shape either way (api.AssignmentJSON).
func runAssignmentsList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("assignments list", stderr)
	city := cmd.String("city", "", "城市`代码`")
	round := cmd.Int("round", 0, "监测`轮次`（年份）")
	dept := cmd.String("department", "", "只列此`责任单位`的任务")
	status := cmd.String("status", "", "`状态`：open（未提交）、submitted（已提交）、returned（已退回）或 accepted（已确认）")
	asJSON := cmd.Bool("json", false, "按 GET /api/v1/assignments 的应答以 JSON 输出")
	server, token := cmd.serverFlags("能查看这些任务的账号（如本市协调员）的 API `令牌`，用于 --server（或 $EVIDENCE_TOKEN）")
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
	var list []api.AssignmentJSON
	if *server != "" {
		list, err = dial(*server, *token, lang).assignments(ctx, f, func(line string) { fmt.Fprintln(stderr, line) })
	} else {
		err = cmd.withApp(ctx, appOptions{existing: true}, func(a *app) error {
			// As the board, each owed task says what the coordinator
			// linked (linked_by_coordinator, as the API's).
			tasks, err := a.assignments.ListLinked(ctx, cliAdmin(), f)
			list = api.AssignmentList(tasks)
			return err
		})
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(map[string]any{"assignments": list})
	}
	printAssignments(stdout, lang, list)
	return nil
}

// assignments is `assignments list --server`: GET /api/v1/assignments
// with f, asked again while the server is busy (doWaiting).
func (c *remote) assignments(ctx context.Context, f assignments.Filter, note func(string)) ([]api.AssignmentJSON, error) {
	v := url.Values{}
	for name, value := range map[string]string{"city": f.City, "department": f.Department, "status": string(f.Status)} {
		if value != "" {
			v.Set(name, value)
		}
	}
	if f.Round != 0 {
		v.Set("round", strconv.Itoa(f.Round))
	}
	var body struct {
		Assignments []api.AssignmentJSON `json:"assignments"`
	}
	err := c.doWaiting(ctx, c.get(ctx, "/api/v1/assignments?"+v.Encode()), &body, note)
	return body.Assignments, err
}

// printRequirement writes a task's requirement, the city's words one line
// of the list for each of theirs, labelled as the pages label it (a 备注
// as 备注) and naming where it came from unless that is the 材料要求
// column the label already names.
func printRequirement(w io.Writer, lang report.Lang, t api.AssignmentJSON) {
	if t.Requirement == "" {
		return
	}
	text := strings.ReplaceAll(t.Requirement, "\n", "\n      ")
	switch {
	case t.RequirementFromRemark:
		sayln(w, lang, "    备注：%s", text)
	case t.RequirementSource != "" && t.RequirementSource != "材料要求":
		sayln(w, lang, "    材料要求（%s）：%s", t.RequirementSource, text)
	default:
		sayln(w, lang, "    材料要求：%s", text)
	}
}

// printAssignments writes a line a task (id, city, round, indicator,
// department, due date, state, contact), with below it the city's
// requirement for it, the files handed in
// and returned (who, when, why) and what the coordinator linked, then the
// count.
func printAssignments(w io.Writer, lang report.Lang, list []api.AssignmentJSON) {
	for _, t := range list {
		late := ""
		if t.Overdue {
			late = words(lang, " 逾期", " overdue")
		}
		st := catalog.AssignmentStatus(t.Status)
		status := words(lang, catalog.AssignmentStatusLabels[st], assignmentStatusEnglish[st])
		fmt.Fprintf(w, "%s\t%s\t%d\t%s\t%s\t%s\t%s%s%s\t%s\n", t.ID, t.City, t.Round, t.Indicator, t.Department,
			sayf(lang, "截止 %s", t.Due), status, linkedNote(lang, t), late, t.Contact)
		printRequirement(w, lang, t)
		for _, r := range t.Returned {
			sayln(w, lang, "    已退回：%s  %s %s，原因：%s", returnedFile(lang, r), r.By,
				catalog.ShowTime(r.At), catalog.TypedText(r.Reason))
			switch {
			case r.WithdrawnAt != nil:
				sayln(w, lang, "      已撤回：%s %s，退回记录保留", r.WithdrawnBy, catalog.ShowTime(*r.WithdrawnAt))
			case r.DeletedAt != nil:
				sayln(w, lang, "      已删除：%s %s，退回记录保留", r.DeletedBy, catalog.ShowTime(*r.DeletedAt))
			}
		}
		if t.AcceptedDeleted != nil {
			// Why an accepted task is owed again: its accepted file deleted.
			fmt.Fprintln(w, "    "+words(lang, t.AcceptedDeletedNote, t.AcceptedDeletedNoteEn))
		}
		if l := t.LinkedByCoordinator; l != nil {
			for _, d := range l.Documents {
				sayln(w, lang, "    协调员已关联：%s  %s", d.ID, d.Title)
			}
		}
	}
	sayln(w, lang, "共 %d 项任务", len(list))
}

// linkedNote is what an owed task says, as the board does, when the
// coordinator linked documents to its indicator for its round: no
// hand-in by the department, so the task stays 未提交.
func linkedNote(lang report.Lang, t api.AssignmentJSON) string {
	if t.LinkedByCoordinator == nil {
		return ""
	}
	return sayf(lang, "（协调员已关联 %d 份佐证材料，不算部门提交）", t.LinkedByCoordinator.Count)
}

// returnedFile names a returned file as the board does, by its title and
// file name, with its id for the commands that take one: 学分银行工作总结
// “学分银行工作总结.docx”（01M8…）; by its id alone when the list gave no
// title (a document the token may not read).
func returnedFile(lang report.Lang, r api.ReturnedJSON) string {
	if r.Title == "" {
		return r.DocumentID
	}
	name := r.Title
	if r.Filename != "" {
		name += " \u201c" + r.Filename + "\u201d"
	}
	if lang == report.English {
		return name + " (" + r.DocumentID + ")"
	}
	return name + "\uFF08" + r.DocumentID + "\uFF09"
}
