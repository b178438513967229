package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// `evidence documents restore` brings a deleted document back, as 恢复 on
// its page and POST /api/v1/documents/{id}/restore do. It is not
// `evidence restore`, which makes a data folder from a backup.

var documentsUsage = subcommandUsage{
	zh: `用法：evidence documents restore ID [--server URL --token T]`,
	en: `usage: evidence documents restore ID [--server URL --token T]`,
}

// runDocuments is `evidence documents`: restore a deleted document.
func runDocuments(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "restore" {
		return runDocumentsRestore(ctx, args[1:], stdout, stderr)
	}
	return badSubcommand(args, documentsUsage, stderr)
}

// documentRestored is what restoring a document answered, as the API
// gives it (POST /api/v1/documents/{id}/restore).
type documentRestored struct {
	Restored string `json:"restored"`
	Document struct {
		Title string `json:"title"`
	} `json:"document"`
	Indicators []string `json:"indicators"`
	Claims     []string `json:"claims"`
	Values     []string `json:"values"`
	GivenBack  struct {
		Claims map[string]string `json:"claims"`
		Values map[string]string `json:"values"`
		Tasks  map[string]string `json:"tasks"`
	} `json:"given_back"`
	Kept struct {
		Claims []string `json:"claims"`
		Values []string `json:"values"`
		Tasks  []string `json:"tasks"`
	} `json:"kept"`
}

// runDocumentsRestore is `evidence documents restore ID`: the document
// restored on the data folder (serve stopped), or through a running
// archive with the token of an admin or the city's coordinator.
func runDocumentsRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("documents restore", stderr)
	cmd.reorder = true
	server, token := cmd.serverFlags("本市协调员或管理员的 API `令牌`，用于 --server（或 $EVIDENCE_TOKEN）")
	lang, err := cmd.parse(args)
	if err != nil {
		return err
	}
	if cmd.NArg() != 1 {
		return catalog.Errorf(catalog.EINVALID, "请给出一份已删除文档的 ID：evidence documents restore ID（ID 见文档页的地址，或 evidence events --action document.delete）")
	}
	id := cmd.Arg(0)
	var out documentRestored
	if *server != "" {
		c := dial(*server, *token, lang)
		err = c.doWaiting(ctx, func() (*http.Request, error) {
			req, err := http.NewRequestWithContext(ctx, "POST", c.base+"/api/v1/documents/"+url.PathEscape(id)+"/restore", nil)
			if err != nil {
				return nil, catalog.Errorf(catalog.EINVALID, "服务器地址 %q 无效：%v", c.base, err)
			}
			return req, nil
		}, &out, func(line string) { fmt.Fprintln(stderr, line) })
	} else {
		err = cmd.withApp(ctx, appOptions{existing: true, withIndex: true}, func(a *app) error {
			d, restored, err := a.documents.Restore(ctx, cliAdmin(), id)
			if err != nil {
				return err
			}
			out = restoredLocally(d, restored)
			return nil
		})
	}
	if err != nil {
		return err
	}
	printRestored(stdout, lang, out)
	return nil
}

// restoredLocally is what the API would answer of a restore done on the
// data folder.
func restoredLocally(d *catalog.Document, r catalog.Restored) documentRestored {
	var out documentRestored
	out.Restored, out.Document.Title, out.Indicators = d.ID, d.Title, r.Indicators
	for _, c := range r.Citing {
		if id, ok := strings.CutPrefix(c, "claim:"); ok {
			out.Claims = append(out.Claims, id)
		} else if id, ok := strings.CutPrefix(c, "value:"); ok {
			out.Values = append(out.Values, id)
		}
	}
	out.GivenBack.Claims, out.GivenBack.Values, out.GivenBack.Tasks = catalog.GivenBackOf(r.GivenBack)
	for _, o := range r.Kept {
		kind, id, _ := strings.Cut(o, ":")
		switch kind {
		case "claim":
			out.Kept.Claims = append(out.Kept.Claims, id)
		case "value":
			out.Kept.Values = append(out.Kept.Values, id)
		default:
			out.Kept.Tasks = append(out.Kept.Tasks, id)
		}
	}
	return out
}

// printRestored says what came back: the document, its links, the
// citations no longer of a deleted document, the verdicts and tasks
// given back as they stood, and, one by one, those left as they are.
func printRestored(w io.Writer, lang report.Lang, r documentRestored) {
	sayln(w, lang, "已恢复文档 %s《%s》：关联的指标 %d 项，引用它的定性描述 %d 条、数值 %d 个不再标为出处已删除",
		r.Restored, r.Document.Title, len(r.Indicators), len(r.Claims), len(r.Values))
	back := r.GivenBack
	if len(back.Claims)+len(back.Values)+len(back.Tasks) > 0 {
		sayln(w, lang, "因删除而清除的审核结论已恢复：定性描述 %d 条、数值 %d 个；因删除而退回的任务 %d 项已回到删除前的状态",
			len(back.Claims), len(back.Values), len(back.Tasks))
	}
	kept := r.Kept
	if n := len(kept.Claims) + len(kept.Values) + len(kept.Tasks); n > 0 {
		sayln(w, lang, "另有 %d 项在删除后已被修改、重新审核或重新提交，未恢复，保持现状：", n)
		for _, id := range kept.Claims {
			sayln(w, lang, "  定性描述 %s", id)
		}
		for _, id := range kept.Values {
			sayln(w, lang, "  数值 %s", id)
		}
		for _, id := range kept.Tasks {
			sayln(w, lang, "  任务 %s", id)
		}
	}
}
