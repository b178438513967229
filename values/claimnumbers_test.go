package values

import (
	"reflect"
	"testing"
)

// TestCheckStatement reads each number of a 定性描述 with its unit and looks
// for it in the quotes it cites, as a value's number is looked for in its
// quote: in any writing (86000人 for 8.6万人, 百分之八十五 for 85%), within a
// rough number (约数), a rough number of the statement found by a number
// within it; dates, ordinals and 一批 are no figures.
func TestCheckStatement(t *testing.T) {
	for _, c := range []struct {
		name      string
		statement string
		quotes    []string
		missing   []string
		rough     []RoughNumber
		spaced    []RoughNumber
	}{
		{"none of the numbers is quoted",
			"我市市民学分银行累计注册学员9.6万人，完成学习成果认定与转换2.5万项，社区学校覆盖率95%。",
			[]string{"市民学分银行累计注册学员8.6万人，完成学习成果认定与转换1.5万项"},
			[]string{"9.6万人", "2.5万项", "95%"}, nil, nil},
		{"each number in another writing, in one quote or another",
			"累计注册学员8.6万人，社区学校覆盖率达到85%，新建社区学校12所。",
			[]string{"累计注册学员86000人", "覆盖率达到百分之八十五", "新建社区学校十二所"},
			nil, nil, nil},
		{"a number within a rough one of the quote",
			"建成15个市级终身学习体验基地。",
			[]string{"建成十几个市级终身学习体验基地"},
			nil, []RoughNumber{{Statement: "15个", Passage: "十几"}}, nil},
		{"a rough match in one quote, nothing in the next",
			"建成15个市级终身学习体验基地。",
			[]string{"建成十几个市级终身学习体验基地", "开展活动若干"},
			nil, []RoughNumber{{Statement: "15个", Passage: "十几"}}, nil},
		{"a rough match in one quote, the exact number in the next",
			"建成15个市级终身学习体验基地。",
			[]string{"建成十几个市级终身学习体验基地", "其中市级基地15个"},
			nil, nil, nil},
		{"a rough number of the statement with a number within it",
			"举办学习活动三百余场。",
			[]string{"全年举办学习活动320场"},
			nil, nil, nil},
		{"dates, ordinals and words are no figures",
			"2018年3月20日，我市举办第3届全民终身学习活动周，进一步推动一批社区学校建设。",
			[]string{"举办全民终身学习活动周"},
			nil, nil, nil},
		{"the same rough number as the quote writes it",
			"开展各类学习活动1200余场，参与市民3万余人，覆盖十多万人次。",
			[]string{"全市开展各类学习活动1200余场，参与市民3万余人", "覆盖十多万人次"},
			nil, nil, nil},
		{"the same rough number with 多 for 余",
			"开展各类学习活动1200多场。",
			[]string{"全市开展各类学习活动1200余场"},
			nil, nil, nil},
		{"the round number a rough one starts from proves nothing",
			"开展各类学习活动1200余场。",
			[]string{"全市开展各类学习活动1200场"},
			[]string{"1200余场"}, nil, nil},
		{"a rough number inside a wider one of the quote",
			"开展各类学习活动1200余场。",
			[]string{"全市开展各类学习活动1000余场"},
			nil, []RoughNumber{{Statement: "1200余场", Passage: "1000余"}}, nil},
		{"the same rough number counted in another unit",
			"开展各类学习活动1200余场。",
			[]string{"参与市民1200余人"},
			[]string{"1200余场"}, nil, nil},
		{"the year and serial of a 文号 are no figures",
			"我市于2017年出台杭教成〔2017〕15号文件，依据杭政办发[2018]12号、甬教职成（2019）3号和浙教【2020】7号，建成社区学校56所。",
			[]string{"建成社区学校56所"},
			nil, nil, nil},
		{"a figure beside a 文号 is still checked",
			"依据杭政办发[2018]12号，建成社区学校12所。",
			[]string{"建成社区学校10所"},
			[]string{"12所"}, nil, nil},
		{"the number counted in another unit is not found",
			"举办市民大讲堂56场。",
			[]string{"参与率达到56%"},
			[]string{"56场"}, nil, nil},
		// 1 200人 is most likely 1200: a statement's 200人 read out of its
		// groups is found only with the reviewer told to check, as a
		// value is.
		{"a number read only out of digits parted by a space",
			"终身学习网注册学员200人，社区学校12所。",
			[]string{"终身学习网注册学员1 200人"},
			[]string{"12所"}, nil, []RoughNumber{{Statement: "200人", Passage: "1 200"}}},
		{"the joined reading too is told to check, as a value's is",
			"终身学习网注册学员1200人。",
			[]string{"终身学习网注册学员1 200人"},
			nil, nil, []RoughNumber{{Statement: "1200人", Passage: "1 200"}}},
		{"a number written without doubt elsewhere needs no check",
			"终身学习网注册学员1200人。",
			[]string{"终身学习网注册学员1 200人", "注册学员共1200人"},
			nil, nil, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := CheckStatement(c.statement, c.quotes)
			if !reflect.DeepEqual(got.Missing, c.missing) || !reflect.DeepEqual(got.Rough, c.rough) || !reflect.DeepEqual(got.Spaced, c.spaced) {
				t.Errorf("CheckStatement(%q, %q) = %+v, want missing %q, rough %+v, spaced %+v", c.statement, c.quotes, got, c.missing, c.rough, c.spaced)
			}
		})
	}
	if w := CheckStatement("注册学员200人。", []string{"注册学员1 200人"}).Warnings(); len(w) != 1 ||
		w[0].Chinese != "定性描述中的数字 200人：引文中的“1 200”可能是千位以空格分组的1200，也可能是表格中相邻的1和200；请核对" ||
		w[0].English != "The claim's number 200人: the quote's “1 200” may be 1200 with its thousands grouped by a space, or 1 and 200 side by side in a table row; check which" {
		t.Errorf("the warning of a number read out of spaced digits: %+v", w)
	}
	// Counted in the form its count asks for, and in English each number
	// in English with its unit's English words: no 万 or 所 left.
	for _, c := range []struct {
		statement, quote, zh, en string
	}{
		{"累计注册学员9.6万人，覆盖率95%。", "累计注册学员8.6万人",
			"定性描述中有 2 个数字未在引文中找到：9.6万人、95%，请核对",
			"2 numbers of the claim are not in its quotes: 96,000 people, 95%; check the claim against its quotes"},
		{"全市建成社区学校9所。", "全市建成社区学校8所",
			"定性描述中有 1 个数字未在引文中找到：9所，请核对",
			"1 number of the claim is not in its quotes: 9 institutions; check the claim against its quotes"},
		{"举办讲座三十场，参与1.2万人次。", "举办讲座二十场，参与1.2万人次",
			"定性描述中有 1 个数字未在引文中找到：三十场，请核对",
			"1 number of the claim is not in its quotes: 30 events; check the claim against its quotes"},
	} {
		w := CheckStatement(c.statement, []string{c.quote}).Warnings()
		if len(w) != 1 || w[0].Chinese != c.zh || w[0].English != c.en {
			t.Errorf("warnings of %q: %+v, want %q and %q", c.statement, w, c.zh, c.en)
		}
	}
}
