package catalog

import "strings"

// cityNamesEN are the English (pinyin) names of the seeded cities and of
// the other provincial capitals and large cities a monitoring round is
// likely to add, by GB/T 2260 code. The catalog keeps only the Chinese
// name; a city outside this list is shown by its Chinese name in English
// pages too.
var cityNamesEN = map[string]string{
	"110000": "Beijing", "120000": "Tianjin", "310000": "Shanghai", "500000": "Chongqing",
	"130100": "Shijiazhuang", "140100": "Taiyuan", "150100": "Hohhot", "210100": "Shenyang",
	"210200": "Dalian", "220100": "Changchun", "230100": "Harbin", "320100": "Nanjing",
	"320200": "Wuxi", "320500": "Suzhou", "330100": "Hangzhou", "330200": "Ningbo",
	"330300": "Wenzhou", "340100": "Hefei", "350100": "Fuzhou", "350200": "Xiamen",
	"360100": "Nanchang", "370100": "Jinan", "370200": "Qingdao", "410100": "Zhengzhou",
	"420100": "Wuhan", "430100": "Changsha", "440100": "Guangzhou", "440300": "Shenzhen",
	"450100": "Nanning", "460100": "Haikou", "510100": "Chengdu", "520100": "Guiyang",
	"530100": "Kunming", "540100": "Lhasa", "610100": "Xi'an", "620100": "Lanzhou",
	"630100": "Xining", "640100": "Yinchuan", "650100": "Urumqi",
}

// cityCodesByName finds the English name of a city added under another
// code but a known name (杭州, 杭州市).
var cityCodesByName = map[string]string{
	"北京": "110000", "天津": "120000", "上海": "310000", "重庆": "500000", "石家庄": "130100",
	"太原": "140100", "呼和浩特": "150100", "沈阳": "210100", "大连": "210200", "长春": "220100",
	"哈尔滨": "230100", "南京": "320100", "无锡": "320200", "苏州": "320500", "杭州": "330100",
	"宁波": "330200", "温州": "330300", "合肥": "340100", "福州": "350100", "厦门": "350200",
	"南昌": "360100", "济南": "370100", "青岛": "370200", "郑州": "410100", "武汉": "420100",
	"长沙": "430100", "广州": "440100", "深圳": "440300", "南宁": "450100", "海口": "460100",
	"成都": "510100", "贵阳": "520100", "昆明": "530100", "拉萨": "540100", "西安": "610100",
	"兰州": "620100", "西宁": "630100", "银川": "640100", "乌鲁木齐": "650100",
}

// CityNameEN returns the English name of the city with this code and
// Chinese name, or "" when none is known.
func CityNameEN(code, name string) string {
	if en, ok := cityNamesEN[code]; ok {
		return en
	}
	return cityNamesEN[cityCodesByName[strings.TrimSuffix(strings.TrimSpace(name), "市")]]
}

// EnglishName is the city's English name, or its Chinese name when no
// English one is known.
func (c City) EnglishName() string {
	if en := CityNameEN(c.Code, c.Name); en != "" {
		return en
	}
	return c.Name
}
