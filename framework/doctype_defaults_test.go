package framework

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestDemoDocTypeDefaults pins the kind of document each task of the demo
// framework's hand-in form starts at (catalog.DocTypeOfInfo of its
// 信息性质说明; "" falls back to 工作总结), so that a change of the words
// it goes by shows here, row by row, for review. 2.2.2's 开放制度 is a set
// of rules, filed with policies like the other 制度.
func TestDemoDocTypeDefaults(t *testing.T) {
	p, err := Parse("demo-learning-city.yaml", Demo, catalog.Framework{})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		code, info string
		t          catalog.DocType
	}{
		{"1.1.1", "政策文件（文号、发布日期、发文机关）", catalog.DocPolicy},
		{"1.1.2", "地方性法规文本及人大公告", catalog.DocPolicy},
		{"1.1.3", "规划纲要相关章节", catalog.DocPolicy},
		{"1.2.1", "成立文件、成员名单、办公室设置", catalog.DocPolicy},
		{"1.2.2", "职责分工文件、责任分解表、工作制度", catalog.DocPolicy},
		{"1.2.3", "成立文件所列成员单位", catalog.DocPolicy},
		{"1.3.1", "财政预算文件、决算数据", catalog.DocStatistics},
		{"1.3.2", "人社、统计部门数据", catalog.DocStatistics},
		{"1.3.3", "队伍管理制度、培训记录", catalog.DocPolicy},
		{"2.1.1", "教育部门统计、机构名录", catalog.DocStatistics},
		{"2.1.2", "建设标准文件、评估结果", catalog.DocPolicy},
		{"2.1.3", "城乡统筹文件、结对共建材料", catalog.DocPolicy},
		{"2.2.1", "认定文件、基地名单", catalog.DocPolicy},
		{"2.2.2", "开放制度、活动记录、新闻报道", catalog.DocPolicy},
		{"2.2.3", "平台介绍、访问统计", catalog.DocStatistics},
		{"2.3.1", "制度文件、试点方案、典型案例", catalog.DocPolicy},
		{"2.3.2", "发卡文件、系统说明", catalog.DocPolicy},
		{"2.3.3", "学分银行系统统计", catalog.DocStatistics},
		{"3.1.1", "活动方案、总结、新闻报道", catalog.DocPolicy},
		{"3.1.2", "品牌介绍、获奖证明、典型案例", catalog.DocHonor},
		{"3.1.3", "活动统计", catalog.DocStatistics},
		{"3.2.1", "行动计划、活动总结", catalog.DocPolicy},
		{"3.2.2", "统计年鉴", catalog.DocStatistics},
		{"3.3.1", "表彰通报、名单", catalog.DocHonor},
		{"3.3.2", "新闻报道原文、媒体名称与日期", catalog.DocPressReport},
		{"4.1.1", "创建文件、评估指标体系、评估结果", catalog.DocPolicy},
		{"4.1.2", "评估结果统计", catalog.DocStatistics},
		{"4.2.1", "创建方案、评估标准、典型案例", catalog.DocPolicy},
		{"4.2.2", "创建统计", catalog.DocStatistics},
		{"4.3.1", "妇联等部门方案与总结", catalog.DocPolicy},
		{"5.1.1", "抽样调查或统计", catalog.DocStatistics},
		{"5.1.2", "老年教育统计", catalog.DocStatistics},
		{"5.1.3", "培育方案、名录、典型案例", catalog.DocPolicy},
		{"5.2.1", "统计年鉴", catalog.DocStatistics},
		{"5.2.2", "获奖证书、新闻报道", catalog.DocHonor},
		{"5.3.1", "监测方案、统计制度、监测报告", catalog.DocPolicy},
		{"5.3.2", "报送记录", ""},
	}
	var got []catalog.Indicator
	for _, ind := range p.Indicators {
		if ind.Info != "" {
			got = append(got, ind)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d indicators with 信息性质说明, want %d", len(got), len(want))
	}
	for i, ind := range got {
		if i >= len(want) {
			break
		}
		dt, _ := catalog.DocTypeOfInfo(ind.Info)
		if w := want[i]; ind.Code != w.code || ind.Info != w.info || dt != w.t {
			t.Errorf("%s %q: %q; want %s %q: %q", ind.Code, ind.Info, dt, w.code, w.info, w.t)
		}
	}
}
