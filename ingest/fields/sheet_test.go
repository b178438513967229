package fields_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/ingest/fields"
)

// ledgerRows are a department's 台账 as the table readers write it: a
// header, then rows whose cells give a due date (完成时限) and the 文号
// of the document each task carries out.
const ledgerRows = "序号 | 责任单位 | 工作任务 | 依据文件 | 完成时限 | 完成情况\n\n" +
	"1 | 市教育局 | 牵头建设学分银行平台 | 杭教职成〔2023〕5号 | 2024年6月30日 | 已上线试运行\n\n" +
	"2 | 市人力社保局 | 职业技能等级证书转换学分 | 浙人社发〔2022〕12号 | 2024年9月30日 | 推进中"

func TestReadSheet(t *testing.T) {
	tests := []struct {
		name          string
		page          string
		named         bool
		embedded      string
		title, source string
		number, date  string
		issuer        string
	}{
		{name: "a title row merged over the table, the 填报日期 under it",
			page:  "Sheet1\n\n2024年学分银行建设工作台账\n\n" + ledgerRows + "\n\n填报单位：杭州市教育局　　填报日期：2024年7月5日",
			named: true, title: "2024年学分银行建设工作台账", source: fields.SourceTitleLine, date: "2024-07-05", issuer: "杭州市教育局"},
		{name: "a header row is no title, a due date no 成文日期, a listed 文号 not the ledger's",
			page:  "Sheet1\n\n" + ledgerRows,
			named: true},
		{name: "the probe's header: 序号 | 单位 | 完成情况",
			page:  "Sheet1\n\n序号 | 单位 | 完成情况\n\n1 | 市教育局 | 已完成",
			named: true},
		{name: "a meaningful sheet name",
			page:  "社区学校建设情况\n\n区县 | 社区学校名称 | 依据文件 | 截止日期\n\n上城区 | 湖滨街道社区学校 | 杭教职成〔2021〕9号 | 2023年12月31日",
			named: true, title: "社区学校建设情况", source: fields.SourceSheetName},
		{name: "a default Chinese sheet name", page: "工作表1\n\n" + ledgerRows, named: true},
		{name: "a default sheet name with a copy's number", page: "Sheet1 (2)\n\n" + ledgerRows, named: true},
		{name: "the workbook's own title before a default sheet name",
			page: "Sheet1\n\n" + ledgerRows, named: true, embedded: "2024年社区教育统计台账",
			title: "2024年社区教育统计台账", source: fields.SourceEmbedded},
		{name: "a title row wins over a meaningful sheet name",
			page:  "学分银行\n\n2024年学分银行建设工作台账\n\n" + ledgerRows,
			named: true, title: "2024年学分银行建设工作台账", source: fields.SourceTitleLine},
		{name: "附件2 before the title on its row",
			page:  "Sheet1\n\n附件2：2024年学分银行建设工作台账\n\n" + ledgerRows,
			named: true, title: "2024年学分银行建设工作台账", source: fields.SourceTitleLine},
		{name: "附件2 on a row of its own above the title",
			page:  "Sheet1\n\n附件2\n\n2024年学分银行建设工作台账\n\n" + ledgerRows,
			named: true, title: "2024年学分银行建设工作台账", source: fields.SourceTitleLine},
		{name: "a 文号 on a row of its own above the title",
			page:  "Sheet1\n\n杭教职成〔2024〕3号\n\n2024年学分银行建设工作台账\n\n" + ledgerRows,
			named: true, title: "2024年学分银行建设工作台账", source: fields.SourceTitleLine, number: "杭教职成〔2024〕3号"},
		{name: "a 文号 the row above cites",
			page:  "Sheet1\n\n2024年学分银行建设工作台账\n\n依据：杭教职成〔2023〕5号\n\n" + ledgerRows,
			named: true, title: "2024年学分银行建设工作台账", source: fields.SourceTitleLine},
		{name: "a 落款 under the table",
			page:  "Sheet1\n\n2024年学分银行建设工作台账\n\n" + ledgerRows + "\n\n杭州市教育局 2024年7月5日",
			named: true, title: "2024年学分银行建设工作台账", source: fields.SourceTitleLine, date: "2024-07-05", issuer: "杭州市教育局"},
		{name: "a 落款 asking for its seal",
			page:  "Sheet1\n\n2024年学分银行建设工作台账\n\n" + ledgerRows + "\n\n填报单位（盖章）：杭州市教育局　　　2024年7月5日",
			named: true, title: "2024年学分银行建设工作台账", source: fields.SourceTitleLine, date: "2024-07-05", issuer: "杭州市教育局"},
		{name: "a body's 落款 asking for its seal",
			page:  "Sheet1\n\n2024年学分银行建设工作台账\n\n" + ledgerRows + "\n\n杭州市教育局（盖章）\n\n2024年7月5日",
			named: true, title: "2024年学分银行建设工作台账", source: fields.SourceTitleLine, date: "2024-07-05"},
		{name: "a 填报日期 after a body's name holding a deadline's word",
			page:  "Sheet1\n\n2024年社区卫生健康教育台账\n\n" + ledgerRows + "\n\n填报单位：杭州市卫生和计划生育委员会　填报日期：2024年7月5日",
			named: true, title: "2024年社区卫生健康教育台账", source: fields.SourceTitleLine, date: "2024-07-05", issuer: "杭州市卫生和计划生育委员会"},
		{name: "a deadline under the table is no 成文日期",
			page:  "Sheet1\n\n2024年学分银行建设工作台账\n\n" + ledgerRows + "\n\n请于2024年7月10日前报送。计划完成时间：2024年12月31日",
			named: true, title: "2024年学分银行建设工作台账", source: fields.SourceTitleLine},
		{name: "a date alone under the table, as a date cell shows it",
			page:  "Sheet1\n\n2024年学分银行建设工作台账\n\n" + ledgerRows + "\n\n2024-07-05",
			named: true, title: "2024年学分银行建设工作台账", source: fields.SourceTitleLine, date: "2024-07-05"},
		{name: "a deadline above the table is no 成文日期",
			page:  "Sheet1\n\n2024年学分银行建设工作台账\n\n报送截止日期：2024年6月30日\n\n" + ledgerRows,
			named: true, title: "2024年学分银行建设工作台账", source: fields.SourceTitleLine},
		{name: "a date in the title row",
			page:  "Sheet1\n\n杭州市社区学校统计表（2024年7月5日）\n\n" + ledgerRows,
			named: true, title: "杭州市社区学校统计表(2024年7月5日)", source: fields.SourceTitleLine, date: "2024-07-05"},
		{name: "a 落款 wins over a date in the title row",
			page:  "Sheet1\n\n杭州市社区学校统计表（截至2024年6月30日）\n\n" + ledgerRows + "\n\n填报日期：2024年7月5日",
			named: true, title: "杭州市社区学校统计表(截至2024年6月30日)", source: fields.SourceTitleLine, date: "2024-07-05"},
		{name: "the issuer a title names",
			page:  "Sheet1\n\n杭州市教育局关于2024年学分银行建设任务的分解表\n\n" + ledgerRows,
			named: true, title: "杭州市教育局关于2024年学分银行建设任务的分解表", source: fields.SourceTitleLine, issuer: "杭州市教育局"},
		{name: "a CSV's header row", page: "区县 | 社区学校数 | 参与人次\n\n海曙区 | 36 | 12.3万人次"},
		{name: "a CSV's title row",
			page:  "2023年宁波市社区学校统计表\n\n区县 | 社区学校数 | 参与人次\n\n海曙区 | 36 | 12.3万人次",
			title: "2023年宁波市社区学校统计表", source: fields.SourceTitleLine},
		{name: "a row of labelled cells above the header, as an exported web page's table has it",
			page:  "杭州市学习型城市建设监测责任分解表（2018年度）\n\n填报单位：杭州市学习型城市建设领导小组办公室 | 填报日期：2018年1月15日\n\n序号 | 指标 | 责任单位（牵头） | *截止日期（YYYY-MM-DD） | 联系人\n\n1 | 1.1.1 | 市委市政府出台推进学习型城市建设的决定、意见或规划 | 市教育局 | 2018-03-31 | 王丽",
			title: "杭州市学习型城市建设监测责任分解表(2018年度)", source: fields.SourceTitleLine, date: "2018-01-15", issuer: "杭州市学习型城市建设领导小组办公室"},
		{name: "a row of labelled cells under the table",
			page:  "Sheet1\n\n2024年学分银行建设工作台账\n\n" + ledgerRows + "\n\n制表人：张丽 | 审核人：王强 | 填报日期：2024年7月5日",
			named: true, title: "2024年学分银行建设工作台账", source: fields.SourceTitleLine, date: "2024-07-05"},
		{name: "a label row above the table is no title",
			page:  "Sheet1\n\n填报单位：杭州市教育局\n\n" + ledgerRows,
			named: true, issuer: "杭州市教育局"},
		{name: "a 填报单位 asking for its seal",
			page:  "Sheet1\n\n填报单位（盖章）：杭州市教育局 | 联系人：张丽\n\n" + ledgerRows,
			named: true, issuer: "杭州市教育局"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fields.ReadSheet([]string{tt.page}, tt.embedded, tt.named)
			if f.Title.Value != tt.title || f.Title.Source != tt.source {
				t.Errorf("title: got %q from %q, want %q from %q", f.Title.Value, f.Title.Source, tt.title, tt.source)
			}
			if f.DocNumber.Value != tt.number {
				t.Errorf("文号: got %q, want %q", f.DocNumber.Value, tt.number)
			}
			if f.IssuedOn.Value != tt.date {
				t.Errorf("date: got %q, want %q", f.IssuedOn.Value, tt.date)
			}
			if f.Issuer.Value != tt.issuer {
				t.Errorf("issuer: got %q, want %q", f.Issuer.Value, tt.issuer)
			}
		})
	}
}

// TestReadSheetFirstSheetWithText: an empty first sheet (its name alone)
// is passed over for the next.
func TestReadSheetFirstSheetWithText(t *testing.T) {
	f := fields.ReadSheet([]string{"Sheet1", "Sheet2\n\n2024年学分银行建设工作台账\n\n" + ledgerRows}, "", true)
	if f.Title.Value != "2024年学分银行建设工作台账" {
		t.Errorf("title: got %q, want the second sheet's title row", f.Title.Value)
	}
}

// TestReadSheetLongLedger: the 落款 under a ledger of thousands of rows
// is read, past the head of its text.
func TestReadSheetLongLedger(t *testing.T) {
	var b strings.Builder
	b.WriteString("Sheet1\n\n2024年社区学校名单\n\n序号 | 社区学校名称 | 截止日期\n\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "%d | 湖滨街道社区学校 | 2023年12月31日\n\n", i+1)
	}
	b.WriteString("杭州市教育局 2024年7月5日")
	f := fields.ReadSheet([]string{b.String()}, "", true)
	if f.Title.Value != "2024年社区学校名单" || f.IssuedOn.Value != "2024-07-05" {
		t.Errorf("title %q, date %q; want 2024年社区学校名单, 2024-07-05", f.Title.Value, f.IssuedOn.Value)
	}
}
