package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/accounts"
	"github.com/lcmonitor/evidence/api"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/web"
)

// runEvents is `evidence events`: the audit log's last events, oldest
// first, from the data folder or through a running archive (GET
// /api/v1/events, an admin's token), narrowed as the audit page narrows
// it: to an object, an indicator (in a city), a user, an action.
func runEvents(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("events", stderr)
	since := cmd.String("since", "24h", "起始`时间`：日期（2017-06-01）、RFC 3339 时间，或往前推的时长（24h、7d）")
	object := cmd.String("object", "", "只看关于此`对象`的记录：文档的 ID（也列出引用它的定性描述的记录）、定性描述或数值的 ID，或 user:<用户名>……")
	indicator := cmd.String("indicator", "", "只看此指标（按`编号`，如 2.3.1）的定性描述、数值、结转事项和文档关联的记录，与审计日志页的指标筛选相同")
	city := cmd.String("city", "", "与 --indicator 同用：只看此城市（按`代码`，如 330100）的记录")
	user := cmd.String("user", "", "只看此`用户`的操作")
	action := cmd.String("action", "", "只看此`操作`，或以此开头的操作，如 document.")
	limit := cmd.Int("limit", 1000, "最多显示的条数")
	asJSON := cmd.Bool("json", false, "以 JSON 行输出")
	codes := cmd.Bool("codes", false, "操作写作代码（claim.create），而不是审计日志页上的文字（撰写定性描述），供脚本读取")
	server, token := cmd.serverFlags("管理员的 API `令牌`，用于 --server（或 $EVIDENCE_TOKEN）")
	lang, err := cmd.parse(args)
	if err != nil {
		return err
	}
	from, err := api.ParseSince(*since)
	if err != nil {
		return err
	}
	if *limit < 1 {
		return catalog.Errorf(catalog.EINVALID, "--limit 应为正整数，收到 %d", *limit)
	}
	f := catalog.EventFilter{User: *user, Action: *action, Since: from,
		Indicator: strings.TrimSpace(*indicator), IndicatorCity: strings.TrimSpace(*city)}
	if f.IndicatorCity != "" && f.Indicator == "" {
		return usageError{catalog.Errorf(catalog.EINVALID, "--city 只用于查看一个指标在该城市的记录，请同时给出 --indicator，如 --indicator 2.3.1 --city 330100")}
	}
	var events []apiEvent
	if *server != "" {
		// The server reads a bare ID as a document's (GET /api/v1/events).
		f.Object = strings.TrimSpace(*object)
		c := dial(*server, *token, lang)
		events, err = remoteEvents(ctx, c, f, *limit, func(line string) { fmt.Fprintln(stderr, line) })
	} else {
		err = cmd.withApp(ctx, appOptions{existing: true}, func(a *app) error {
			if f.Object, err = eventObject(ctx, a, strings.TrimSpace(*object)); err != nil {
				return err
			}
			events, err = localEvents(ctx, a, f, *limit)
			return err
		})
	}
	if err != nil {
		return err
	}
	name := func(action string) string { return web.ActionName(webLang(lang), action) }
	if *codes {
		name = func(action string) string { return action }
	}
	printEvents(stdout, events, *asJSON, name)
	return nil
}

// eventObject is the object of the audit log that --object names. A bare
// id is a document's as the log records it, or else the claim's or
// value's it is (ids are ULIDs, never shared), which the log records as
// claim:ID or value:ID: a coordinator copies the id from a page and
// otherwise got an empty list, as if nothing had happened to it. A bare
// id that is none of them and that no event names is ENOTFOUND, saying
// how to write the others, rather than nothing printed.
func eventObject(ctx context.Context, a *app, object string) (string, error) {
	if object == "" || strings.Contains(object, ":") {
		return object, nil
	}
	if _, err := a.cat.Document(ctx, object); err == nil {
		return object, nil
	} else if catalog.ErrorCode(err) != catalog.ENOTFOUND {
		return "", fmt.Errorf("look up document %s: %w", object, err)
	}
	if _, err := a.cat.Claim(ctx, object); err == nil {
		return "claim:" + object, nil
	} else if catalog.ErrorCode(err) != catalog.ENOTFOUND {
		return "", fmt.Errorf("look up claim %s: %w", object, err)
	}
	if _, err := a.cat.Value(ctx, object); err == nil {
		return "value:" + object, nil
	} else if catalog.ErrorCode(err) != catalog.ENOTFOUND {
		return "", fmt.Errorf("look up value %s: %w", object, err)
	}
	// An object the log names bare that is no document now (one removed
	// for good) is still asked for as written.
	named, err := accounts.NewService(a.cat).Events(ctx, cliAdmin(), catalog.EventFilter{Object: object, Limit: 1})
	if err != nil {
		return "", err
	}
	if len(named) > 0 {
		return object, nil
	}
	return "", catalog.Errorf(catalog.ENOTFOUND, "没有找到对象“%s”：它不是文档、定性描述或数值的编号，审计日志中也没有它；定性描述写 claim:ID，数值写 value:ID，账号写 user:NAME", object)
}

// localEvents returns the last limit events f finds in the data
// folder's catalog, newest first. A page of the log holds at most 1000
// events; more are read page by page back (--limit 5000 gave 100).
func localEvents(ctx context.Context, a *app, f catalog.EventFilter, limit int) ([]apiEvent, error) {
	var events []apiEvent
	for len(events) < limit {
		f.Limit = min(limit-len(events), 1000)
		page, err := accounts.NewService(a.cat).Events(ctx, cliAdmin(), f)
		if err != nil {
			return nil, err
		}
		for _, e := range page {
			events = append(events, apiEvent{ID: e.ID, At: e.At, User: e.User, Action: e.Action, Object: e.Object, Detail: e.Detail})
		}
		if len(page) < f.Limit {
			break
		}
		f.Before = page[len(page)-1].ID
	}
	return events, nil
}

// apiEvent is an event of the audit log as GET /api/v1/events answers
// it, the form the command prints in both modes.
type apiEvent struct {
	ID     int64          `json:"id"`
	At     time.Time      `json:"at"`
	User   string         `json:"user"`
	Action string         `json:"action"`
	Object string         `json:"object"`
	Detail map[string]any `json:"detail"`
}

// remoteEvents returns the last limit events f finds through the running
// archive c, newest first, page by page back as the API gives them (next,
// while a page is full); a busy server is asked again (doWaiting), each
// wait said through note.
func remoteEvents(ctx context.Context, c *remote, f catalog.EventFilter, limit int, note func(string)) ([]apiEvent, error) {
	q := url.Values{}
	for k, v := range map[string]string{"object": f.Object, "indicator": f.Indicator, "city": f.IndicatorCity,
		"user": f.User, "action": f.Action} {
		if v != "" {
			q.Set(k, v)
		}
	}
	if !f.Since.IsZero() {
		q.Set("since", f.Since.Format(time.RFC3339Nano))
	}
	var events []apiEvent
	for len(events) < limit {
		q.Set("limit", strconv.Itoa(min(limit-len(events), 1000)))
		var page struct {
			Events []apiEvent `json:"events"`
			Next   int64      `json:"next"`
		}
		if err := c.doWaiting(ctx, c.get(ctx, "/api/v1/events?"+q.Encode()), &page, note); err != nil {
			return nil, err
		}
		events = append(events, page.Events...)
		if page.Next == 0 {
			break
		}
		q.Set("before", strconv.FormatInt(page.Next, 10))
	}
	return events, nil
}

// printEvents prints events, given newest first, oldest first: a line
// each, its action as name says it, or a JSON object each (asJSON), its
// action the code, which scripts read.
func printEvents(stdout io.Writer, events []apiEvent, asJSON bool, name func(action string) string) {
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, e := range slices.Backward(events) {
		if asJSON {
			enc.Encode(map[string]any{"at": e.At, "user": e.User, "action": e.Action, "object": e.Object, "detail": e.Detail})
			continue
		}
		detail, _ := json.Marshal(e.Detail)
		// Padded by display width: a label in Chinese is twice as wide as
		// its runes, and a code's column would not line up with it.
		fmt.Fprintf(stdout, "%s  %s %s %-30s %s\n", e.At.In(catalog.ChinaTime).Format("2006-01-02 15:04:05")+" UTC+8",
			padTo(e.User, 14), padTo(name(e.Action), 18), e.Object, detail)
	}
}

// padTo is s followed by spaces up to n columns of a terminal
// (displayWidth, the ambiguous characters narrow); s when it is wider.
func padTo(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-displayWidth(s, false)))
}
