package values_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

const (
	hangzhou = "330100"
	chengdu  = "510100"
)

var (
	ctx      = context.Background()
	coordA   = &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: hangzhou}
	coordB   = &catalog.User{Username: "chen", Role: catalog.RoleCoordinator, City: chengdu}
	reviewer = &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	admin    = &catalog.User{Username: "root", Role: catalog.RoleAdmin}
)

const ledgerPage = "杭州市2017年终身学习工作统计\n全年存入学分银行的社会培训成果达12.3万人，" +
	"全市认定市民终身学习基地１２３个，成人年参与学习率达到85.3%，老年人参与老年教育比例为百分之十二。"

func TestRecordChecksTheNumberOnThePage(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "tongji.txt", ledgerPage)
	tests := []struct {
		indicator, value, unit, quote string
		found                         bool
		number                        float64
	}{
		{"2.3.3", "123000", "人", "存入学分银行的社会培训成果达12.3万人", true, 123000},
		{"2.3.3", "12.3", "万人", "社会培训成果达12.3万人", true, 123000},
		{"2.3.3", "0.07", "万人", "社会培训成果达12.3万人", false, 700},
		{"2.2.1", "123", "个", "认定市民终身学习基地１２３个", true, 123},
		{"5.1.1", "85.3%", "", "成人年参与学习率达到85.3%", true, 85.3},
		{"5.1.2", "12", "%", "老年人参与老年教育比例为百分之十二", true, 12},
		{"5.1.1", "86", "%", "成人年参与学习率达到85.3%", false, 86},
		{"2.2.1", "123", "个", "这句话不在页面上", false, 123},
		// The unit typed with the number in the value's box, as people write it.
		{"2.2.1", "123个", "", "认定市民终身学习基地１２３个", true, 123},
		{"2.3.3", "12.3万人", "", "社会培训成果达12.3万人", true, 123000},
		{"2.3.3", "１２３０００ 人", "", "社会培训成果达12.3万人", true, 123000},
		// A ledger with the unit in both columns.
		{"2.2.1", "123个", "个", "认定市民终身学习基地１２３个", true, 123},
		{"2.3.3", "12.3万人", "人", "社会培训成果达12.3万人", true, 123000},
	}
	for _, tt := range tests {
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: tt.indicator, Value: values.Written(tt.value),
			Unit: tt.unit, Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: tt.quote}})
		if err != nil {
			t.Fatalf("record %s %s: %v", tt.indicator, tt.value, err)
		}
		if v.ValueFound != tt.found || v.Number != tt.number {
			t.Errorf("record %s %q%s citing %q: value_found %v number %v, want %v %v", tt.indicator, tt.value, tt.unit, tt.quote,
				v.ValueFound, v.Number, tt.found, tt.number)
		}
	}
}

func TestRecordRefusesBadInput(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "tongji.txt", ledgerPage)
	other := e.Upload(chengdu, "cd.txt", "成都市成人年参与学习率达到85.3%。")
	cite := claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "成人年参与学习率达到85.3%"}
	tests := []struct {
		name string
		u    *catalog.User
		in   values.Input
		code string
		msg  string
	}{
		{"person-times for a percentage", coordA, values.Input{Indicator: "5.1.1", Value: "85.3", Unit: "人次", Citation: cite}, catalog.EINVALID, "人次"},
		// A coordinator is not told whose it is, nor its title.
		{"another city's document", coordA, values.Input{Indicator: "5.1.1", Value: "85.3%", Citation: claims.CitationInput{DocumentID: other.ID, Page: 1, Quote: "85.3%"}}, catalog.EINVALID, "不存在"},
		{"another city's document, by an admin", admin, values.Input{City: hangzhou, Indicator: "5.1.1", Value: "85.3%", Citation: claims.CitationInput{DocumentID: other.ID, Page: 1, Quote: "85.3%"}}, catalog.EINVALID, "其他城市"},
		{"a qualitative indicator", coordA, values.Input{Indicator: "2.3.1", Value: "1", Citation: cite}, catalog.EINVALID, "定量"},
		{"not a number", coordA, values.Input{Indicator: "5.1.1", Value: "很多", Citation: cite}, catalog.EINVALID, "无法识别"},
		{"person-times typed with the number for a percentage", coordA, values.Input{Indicator: "5.1.1", Value: "85.3人次", Citation: cite}, catalog.EINVALID, "无法识别数值“85.3人次”"},
		{"another unit typed with the number", coordA, values.Input{Indicator: "2.2.1", Value: "123个", Unit: "万个", Citation: cite}, catalog.EINVALID, "无法识别"},
		{"a page the document lacks", coordA, values.Input{Indicator: "5.1.1", Value: "85.3%", Citation: claims.CitationInput{DocumentID: d.ID, Page: 9, Quote: "85.3%"}}, catalog.EINVALID, "页码"},
		{"another city's coordinator", coordB, values.Input{City: hangzhou, Indicator: "5.1.1", Value: "85.3%", Citation: cite}, catalog.EFORBIDDEN, ""},
		{"an unknown round", coordA, values.Input{Round: 1999, Indicator: "5.1.1", Value: "85.3%", Citation: cite}, catalog.EINVALID, "1999"},
	}
	for _, tt := range tests {
		_, err := e.Values.Record(ctx, tt.u, tt.in)
		if catalog.ErrorCode(err) != tt.code || !strings.Contains(catalog.ErrorMessage(err), tt.msg) {
			t.Errorf("%s: got %v, want %s mentioning %q", tt.name, err, tt.code, tt.msg)
		}
		if tt.u.Role == catalog.RoleCoordinator && strings.Contains(catalog.ErrorMessage(err), other.Title) {
			t.Errorf("%s: the message names another city's document: %v", tt.name, err)
		}
	}
	if list, _ := e.Values.List(ctx, admin, values.Filter{}); len(list) != 0 {
		t.Errorf("refused values were stored: %v", list)
	}
}

// TestRecordReportsEveryMistakeAtOnce: a value with several mistakes is
// refused with all of them, each about its field, in Chinese and in
// English, and a ledger row lists all of its own.
func TestRecordReportsEveryMistakeAtOnce(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "tongji.txt", ledgerPage)
	_, err := e.Values.Record(ctx, coordA, values.Input{Round: 2099, Citation: claims.CitationInput{DocumentID: d.ID}})
	want := []struct{ field, zh, en string }{
		{"round", "监测轮次 2099 不存在：请填写已有的轮次；如确需这一轮次，请管理员先在“系统管理”页的“监测轮次”中添加",
			"There is no monitoring round 2099: give a round that exists; if this round is needed, an admin adds it first under Rounds on the Administration page"},
		{"indicator", "请选择定量关键指标", "Choose a quantitative key indicator"},
		{"value", "请填写数值\uFF0C如 123000、12.3万 或 85.3%", "Enter a value, such as 123000, 12.3万 or 85.3%"},
		{"quote", "请填写引用的原文\uFF08含该数字的一句话\uFF09", "Enter the words quoted from the document (a sentence with the number)"},
		{"page", "请填写引文所在的页码", "Enter the page the quote is on"},
	}
	got := catalog.Each(err)
	if catalog.ErrorCode(err) != catalog.EINVALID || len(got) != len(want) {
		t.Fatalf("an empty value: %v, want %d mistakes", err, len(want))
	}
	for i, w := range want {
		if g := got[i]; g.Field != w.field || g.Message != w.zh || g.English != w.en {
			t.Errorf("mistake %d: %s %q %q, want %s %q %q", i+1, g.Field, g.Message, g.English, w.field, w.zh, w.en)
		}
	}
	// A unit that does not fit is found beside a quote that is missing.
	_, err = e.Values.Record(ctx, coordA, values.Input{Indicator: "5.1.1", Value: "85.3", Unit: "人次", Citation: claims.CitationInput{DocumentID: d.ID, Page: 1}})
	if got := catalog.Each(err); len(got) != 2 || got[0].Field != "unit" || got[1].Field != "quote" ||
		!strings.HasPrefix(got[0].English, "The indicator 5.1.1 ") || !strings.Contains(got[0].English, `so “人次” cannot be its unit`) {
		t.Errorf("a wrong unit and no quote: %v", err)
	}
}

func TestReviewAndChangeBetweenRounds(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "tongji.txt", ledgerPage+"\n2018年认定学习基地150个。")
	rec := func(round int, value, quote string) *catalog.Value {
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: round, Indicator: "2.2.1", Value: values.Written(value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	rec(2017, "123", "认定市民终身学习基地１２３个")
	v18 := rec(2018, "150", "2018年认定学习基地150个")
	if _, err := e.Values.Review(ctx, coordA, v18.ID, "verified", ""); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		t.Errorf("coordinator reviewing: %v, want EFORBIDDEN", err)
	}
	if _, err := e.Values.Review(ctx, reviewer, v18.ID, "insufficient", ""); catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("sending back without a comment: %v, want EINVALID", err)
	}
	if _, err := e.Values.Review(ctx, reviewer, v18.ID, "verified", ""); err != nil {
		t.Fatal(err)
	}
	_, err := e.Values.Review(ctx, reviewer, v18.ID, "verified", "")
	if catalog.ErrorCode(err) != catalog.ECONFLICT || catalog.ErrorMessage(err) != "数值已审核\uFF08属实\uFF09\uFF1B如需更正审核结论\uFF0C请改判并写明理由" ||
		catalog.MessageIn(err, true) != "The value has been reviewed (verified); to correct the verdict, revise it with a comment saying why" {
		t.Errorf("reviewing twice: %v, in English %q", err, catalog.MessageIn(err, true))
	}
	list, err := e.Values.List(ctx, coordA, values.Filter{Round: 2018})
	if err != nil || len(list) != 1 {
		t.Fatalf("list 2018: %v %v", list, err)
	}
	if ch, ok := list[0].Change(); !ok || ch != 27 || list[0].Status != catalog.ClaimVerified {
		t.Errorf("2018 value: change %v (%v), status %s; want +27 from 2017, verified", ch, ok, list[0].Status)
	}
	if list, _ := e.Values.List(ctx, coordB, values.Filter{City: hangzhou}); len(list) != 0 {
		t.Errorf("another city's coordinator sees %d values", len(list))
	}
}

func TestImportLedger(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "tongji.txt", ledgerPage)
	ledger := func(rows ...[]any) *bytes.Buffer {
		f := excelize.NewFile()
		defer f.Close()
		f.SetSheetRow("Sheet1", "A1", &[]any{"指标编码", "数值", "单位", "文档编号", "页码", "引文"})
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+2)
			f.SetSheetRow("Sheet1", cell, &r)
		}
		var b bytes.Buffer
		f.Write(&b)
		return &b
	}
	bad := ledger([]any{"2.2.1", "123", "个", d.ID, 1, "认定市民终身学习基地１２３个"},
		[]any{"5.1.1", "85.3", "人次", d.ID, 1, "成人年参与学习率达到85.3%"})
	_, err := e.Values.Import(ctx, coordA, hangzhou, 2017, bad)
	if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "第 3 行") {
		t.Fatalf("ledger with a bad row: %v, want EINVALID naming row 3", err)
	}
	if en := catalog.MessageIn(err, true); !strings.HasPrefix(en, "The ledger has 1 row with mistakes; no value was imported:\nRow 3: The indicator 5.1.1 ") {
		t.Errorf("ledger with a bad row, in English: %q", en)
	}
	bad = ledger([]any{"2.2.1", "", "个", d.ID, "", ""})
	_, err = e.Values.Import(ctx, coordA, hangzhou, 2017, bad)
	if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "第 2 行\uFF1A请填写数值\uFF0C如 123000、12.3万 或 85.3%\uFF1B请填写引用的原文") ||
		!strings.Contains(msg, "\uFF1B请填写引文所在的页码") {
		t.Errorf("a ledger row with three mistakes: %q", msg)
	}
	if list, _ := e.Values.List(ctx, admin, values.Filter{}); len(list) != 0 {
		t.Fatalf("a ledger with a bad row stored %d values", len(list))
	}
	good := ledger([]any{"2.2.1", "１２３", "个", d.ID, 1, "认定市民终身学习基地１２３个"},
		[]any{"2.3.3", "12.3万", "人", d.ID, 1, "社会培训成果达12.3万人"})
	vs, err := e.Values.Import(ctx, coordA, hangzhou, 2017, good)
	if err != nil || len(vs) != 2 || !vs[0].ValueFound || vs[1].Number != 123000 {
		t.Fatalf("import: %v %+v", err, vs)
	}
	// A ledger is read within the bounds of a table a person imports: a
	// cell in column XFD would make every row 16,384 cells.
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetRow("Sheet1", "A1", &[]any{"指标编码", "数值", "单位", "文档编号", "页码", "引文"})
	f.SetCellValue("Sheet1", "XFD1", "备注")
	var wide bytes.Buffer
	f.Write(&wide)
	if _, err := e.Values.Import(ctx, coordA, hangzhou, 2018, &wide); catalog.ErrorCode(err) != catalog.EINVALID ||
		!strings.Contains(catalog.ErrorMessage(err), "超过 256 列") {
		t.Errorf("a ledger reaching column XFD: %v, want EINVALID naming the columns", err)
	}
}

func TestCarryOverAndDeleteRound(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "tongji.txt", ledgerPage) // a document of round 2017
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.2.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: "2.2.1", Value: "123",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "认定市民终身学习基地１２３个"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Claims.Create(ctx, coordA, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "建立学分银行",
		Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "存入学分银行"}}}); err != nil {
		t.Fatal(err)
	}
	if err := e.Catalog.AddRound(ctx, catalog.Round{Year: 2019}, "test"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Values.CarryOver(ctx, coordB, hangzhou, 2019); catalog.ErrorCode(err) != catalog.ENOTFOUND {
		t.Errorf("another city's coordinator carrying over: %v, want ENOTFOUND", err)
	}
	// Round 2018 starts from 2017, the latest earlier round.
	rep, err := e.Values.CarryOver(ctx, coordA, hangzhou, 2018)
	if err != nil || rep.Links != 1 || rep.Claims != 1 || rep.Values != 1 {
		t.Fatalf("carry 2017 → 2018: %+v %v, want one link, claim and value", rep, err)
	}
	if rep, _ := e.Values.CarryOver(ctx, coordA, hangzhou, 2018); rep.Links+rep.Claims+rep.Values != 0 {
		t.Errorf("carrying again took %+v, want nothing new", rep)
	}
	list, _ := e.Values.List(ctx, coordA, values.Filter{Round: 2018})
	if len(list) != 1 || list[0].Carry != catalog.CarryToConfirm || list[0].Number != 123 {
		t.Fatalf("carried value: %+v, want 123 待确认", list)
	}
	carried, _ := e.Values.Carryovers(ctx, coordA, hangzhou, 2018, catalog.CarryToConfirm)
	if len(carried) != 3 {
		t.Fatalf("carryovers: %d, want 3", len(carried))
	}
	for _, c := range carried {
		action := "confirm"
		if c.Kind == catalog.CarryClaim {
			action = "drop"
		}
		if _, err := e.Values.Decide(ctx, coordA, c.ID, action); err != nil {
			t.Fatalf("%s %s: %v", action, c.Kind, err)
		}
	}
	if cl, _ := e.Claims.List(ctx, coordA, catalog.ClaimFilter{Round: 2018}); len(cl) != 0 {
		t.Errorf("dropped claim still in 2018: %v", cl)
	}
	// Confirming what is decided is a conflict; a confirmed link may still
	// be dropped from the round (TestDropALinkFromOneRound in api).
	if _, err := e.Values.Decide(ctx, coordA, carried[0].ID, "confirm"); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Errorf("deciding twice: %v, want ECONFLICT", err)
	}
	docs, _ := e.Catalog.RoundLinkedDocuments(ctx, hangzhou, 2018)
	if len(docs["2.2.1"]) != 1 {
		t.Errorf("the confirmed link does not count in 2018: %v", docs)
	}
	if err := e.Values.DeleteRound(ctx, admin, 2017); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Errorf("deleting round 2017 that holds data: %v, want ECONFLICT", err)
	}
	if err := e.Values.DeleteRound(ctx, coordA, 2019); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		t.Errorf("coordinator deleting a round: %v, want EFORBIDDEN", err)
	}
	if err := e.Values.DeleteRound(ctx, admin, 2019); err != nil {
		t.Errorf("deleting the empty round 2019: %v", err)
	}
}

// TestRecordANegativeNumber: a negative number, written with a minus or
// 负, is read as one, and refused for a rate that cannot fall below zero
// (成人年参与学习率 is a share of adults, not its change); an indicator
// that measures a change takes it (TestPlausibleLetsAChangeBeNegative).
func TestRecordANegativeNumber(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "增长.txt", "受疫情影响，成人年参与学习率较上年变化为-2.3%。")
	for _, written := range []string{"-2.3%", "负百分之二点三"} {
		_, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: "5.1.1", Value: values.Written(written),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "成人年参与学习率较上年变化为-2.3%"}})
		if es := catalog.Each(err); len(es) != 1 || es[0].Field != "value" || !strings.Contains(es[0].Message, "不能为负数\uFF08填写的是 "+written) {
			t.Errorf("record %s for a rate: %v, want it refused as negative", written, err)
		}
	}
}

// TestRecordInAnIndicatorCountedInWan: an indicator whose unit is itself
// scaled (3.1.3 in 万人次) takes the number however the page and the
// coordinator write it, stores it in 万人次 and finds it on the page.
func TestRecordInAnIndicatorCountedInWan(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "huodong.txt", "杭州市全民终身学习活动周总结\n2017年全市市民参与学习活动达到1,234.5万人次，举办活动342场。")
	quote := "全市市民参与学习活动达到1,234.5万人次"
	tests := []struct {
		value, unit string
		number      float64
		written     string
		found       bool
	}{
		{"1234.5", "", 1234.5, "1234.5万人次", true},
		{"1,234.5", "万人次", 1234.5, "1,234.5万人次", true},
		{"1234.5万", "", 1234.5, "1234.5万人次", true},
		{"12345000", "人次", 1234.5, "12345000人次", true},
		{"1234.5万", "人次", 1234.5, "1234.5万人次", true},
		{"1234.5万人次", "", 1234.5, "1234.5万人次", true},
		{"12345000人次", "", 1234.5, "12345000人次", true},
		{"1300", "", 1300, "1300万人次", false},
		{"12345001", "人次", 1234.5001, "12345001人次", false},
		// 千 and 百 scale as 万 does: 12345千 人次 is 1234.5 万人次, not 12345.
		{"12345千", "", 1234.5, "", true},
		{"一千二百", "", 0.12, "", false},
	}
	for _, tt := range tests {
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: "3.1.3", Value: values.Written(tt.value),
			Unit: tt.unit, Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: quote}})
		if err != nil {
			t.Fatalf("record 3.1.3 %q %q: %v", tt.value, tt.unit, err)
		}
		if v.Number != tt.number || (tt.written != "" && v.Written() != tt.written) || v.ValueFound != tt.found {
			t.Errorf("record 3.1.3 %q %q citing %q: number %v written %q value_found %v, want %v %q %v",
				tt.value, tt.unit, quote, v.Number, v.Written(), v.ValueFound, tt.number, tt.written, tt.found)
		}
	}
}
