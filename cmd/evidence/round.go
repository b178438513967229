package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

var roundUsage = subcommandUsage{
	zh: `用法：evidence round add --year 2019 [--label 2019年度监测] [--current] [--server URL --token T]
      evidence round current --year 2019 [--server URL --token T]
      evidence round list [--json] [--server URL --token T]`,
	en: `usage: evidence round add --year 2019 [--label LABEL] [--current] [--server URL --token T]
       evidence round current --year 2019 [--server URL --token T]
       evidence round list [--json] [--server URL --token T]`,
}

// runRound is `evidence round`: add a monitoring round, make an existing
// one the current round, or list them.
func runRound(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "add" {
		return runRoundAdd(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "current" {
		return runRoundCurrent(ctx, args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "list" {
		return runRoundList(ctx, args[1:], stdout, stderr)
	}
	return badSubcommand(args, roundUsage, stderr)
}

// runRoundAdd is `evidence round add`: a monitoring round added to the
// data folder, or through a running archive with an admin's token (POST
// /api/v1/rounds).
func runRoundAdd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("round add", stderr)
	year := cmd.Int("year", 0, "轮次的`年份`")
	label := cmd.String("label", "", "轮次的`名称`，如 2019年度监测")
	current := cmd.Bool("current", false, "设为当前轮次")
	server, token := cmd.serverFlags("管理员的 API `令牌`，用于 --server（或 $EVIDENCE_TOKEN）")
	lang, err := cmd.parse(args)
	if err != nil {
		return err
	}
	r := catalog.Round{Year: *year, Label: *label, Current: *current}
	if *server != "" {
		err = dial(*server, *token, lang).addRound(ctx, r, func(line string) { fmt.Fprintln(stderr, line) })
	} else {
		err = cmd.withApp(ctx, appOptions{}, func(a *app) error { return a.framework.AddRound(ctx, cliAdmin(), r) })
	}
	if catalog.ErrorCode(err) == catalog.ECONFLICT {
		return catalog.Errorf(catalog.ECONFLICT, "监测轮次 %d 已存在；如需设为当前轮次，请运行 evidence round current --year %d", *year, *year)
	}
	if err != nil {
		return err
	}
	sayln(stdout, lang, "已添加监测轮次 %d", *year)
	return nil
}

// addRound is `round add --server`: POST /api/v1/rounds, sent again
// while the server answers it is busy (doWaiting, each wait said through
// note). A round the server recorded before answering 503 comes back as
// already there when sent again: that answer, after a busy one, is the
// request's success when the round the server holds is the one asked for
// (sameRound), and the conflict it is otherwise.
func (c *remote) addRound(ctx context.Context, r catalog.Round, note func(string)) error {
	body, _ := json.Marshal(map[string]any{"year": r.Year, "label": r.Label, "current": r.Current})
	sent := 0
	var out struct{}
	err := c.doWaiting(ctx, func() (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, "POST", c.base+"/api/v1/rounds", bytes.NewReader(body))
		if err != nil {
			return nil, catalog.Errorf(catalog.EINVALID, "服务器地址 %q 无效：%v", c.base, err)
		}
		req.Header.Set("Content-Type", "application/json")
		sent++
		return req, nil
	}, &out, note)
	if sent < 2 || catalog.ErrorCode(err) != catalog.ECONFLICT {
		return err
	}
	var rounds struct {
		Rounds []apiRound `json:"rounds"`
	}
	if lerr := c.doWaiting(ctx, c.get(ctx, "/api/v1/rounds"), &rounds, note); lerr != nil {
		return fmt.Errorf("read the rounds after a conflict: %w", lerr)
	}
	for _, held := range rounds.Rounds {
		if sameRound(held, r) {
			return nil
		}
	}
	return err
}

// sameRound says whether held, a round the server holds, is the round r
// a request asked for: the same year and label (the label the server
// gives a round added without one, DefaultRoundLabel), and current when
// the request made it so.
func sameRound(held apiRound, r catalog.Round) bool {
	label := r.Label
	if label == "" {
		label = catalog.DefaultRoundLabel(r.Year)
	}
	return held.Year == r.Year && held.Label == label && (held.Current || !r.Current)
}

// runRoundCurrent is `evidence round current --year N`: the round made
// current on the data folder, or through a running archive with an
// admin's token (PATCH /api/v1/rounds/{year}), and what it still lacks.
func runRoundCurrent(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("round current", stderr)
	year := cmd.Int("year", 0, "要设为当前轮次的`年份`")
	server, token := cmd.serverFlags("管理员的 API `令牌`，用于 --server（或 $EVIDENCE_TOKEN）")
	lang, err := cmd.parse(args)
	if err != nil {
		return err
	}
	if *year == 0 {
		return catalog.Errorf(catalog.EINVALID, "缺少 --year：要设为当前轮次的年份，如 --year 2019")
	}
	var out roundMadeCurrent
	if *server != "" {
		err = dial(*server, *token, lang).makeCurrent(ctx, *year, &out, func(line string) { fmt.Fprintln(stderr, line) })
	} else {
		err = makeCurrentLocally(ctx, cmd, *year, &out)
	}
	if err != nil {
		return err
	}
	printMadeCurrent(stdout, lang, *year, out)
	return nil
}

// roundMadeCurrent is what making a round current answered.
type roundMadeCurrent struct {
	Changed     bool `json:"changed"`
	CarriedOver bool `json:"carried_over"`
	Tables      bool `json:"tables"`
}

func makeCurrentLocally(ctx context.Context, cmd *command, year int, out *roundMadeCurrent) error {
	return cmd.withApp(ctx, appOptions{}, func(a *app) error {
		var err error
		if out.Changed, err = a.framework.SetCurrentRound(ctx, cliAdmin(), year); err != nil {
			return err
		}
		st, err := a.framework.RoundSetup(ctx, year)
		out.CarriedOver, out.Tables = st.Carried, st.Tables
		return err
	})
}

// makeCurrent is `round current --server`: PATCH /api/v1/rounds/{year},
// asked again while the server is busy (doWaiting): the same change made
// twice.
func (c *remote) makeCurrent(ctx context.Context, year int, out *roundMadeCurrent, note func(string)) error {
	body, _ := json.Marshal(map[string]any{"current": true})
	return c.doWaiting(ctx, func() (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, "PATCH", fmt.Sprintf("%s/api/v1/rounds/%d", c.base, year), bytes.NewReader(body))
		if err != nil {
			return nil, catalog.Errorf(catalog.EINVALID, "服务器地址 %q 无效：%v", c.base, err)
		}
		req.Header.Set("Content-Type", "application/json")
		return req, nil
	}, out, note)
}

// printMadeCurrent says the round is current, and where to carry the
// previous round over and copy the responsibility tables when it has had
// neither: the web pages that do it city by city. A round carried into
// before is told that what the previous round gained since is not carried
// until asked (carrying again adds only that).
func printMadeCurrent(w io.Writer, lang report.Lang, year int, out roundMadeCurrent) {
	if out.Changed {
		sayln(w, lang, "已将监测轮次 %d 设为当前轮次", year)
	} else {
		sayln(w, lang, "监测轮次 %d 已是当前轮次", year)
	}
	if !out.CarriedOver {
		sayln(w, lang, "尚无城市结转到 %d年度：如需结转上一轮的关联、定性描述和数值，请在“结转事项核对”页面点“从上一轮结转”", year)
	} else {
		sayln(w, lang, "%d年度此前已结转过；此后上一轮新增的关联、定性描述和数值未自动结转：如需补结转，请在“结转事项核对”页面点“从上一轮结转”（已结转过的不重复结转）", year)
	}
	if !out.Tables {
		sayln(w, lang, "%d年度尚无责任分解表：如需沿用上一轮的，请在“责任分解”页面点“从上一轮复制责任分解表”", year)
	}
}
