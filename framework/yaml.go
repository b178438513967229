package framework

import (
	"fmt"

	"gopkg.in/yaml.v3"

	"github.com/lcmonitor/evidence/catalog"
)

// yamlFile is the nested shape of demo-learning-city.yaml.
type yamlFile struct {
	Framework struct {
		ID      string `yaml:"id"`
		Name    string `yaml:"name"`
		NameEN  string `yaml:"name_en,omitempty"`
		Version string `yaml:"version"`
	} `yaml:"framework"`
	Indicators []*yamlNode `yaml:"indicators"`
}

type yamlNode struct {
	Code     string      `yaml:"code"`
	Name     string      `yaml:"name"`
	NameEN   string      `yaml:"name_en,omitempty"`
	Kind     string      `yaml:"kind,omitempty"`
	Info     string      `yaml:"info,omitempty"`
	InfoEN   string      `yaml:"info_en,omitempty"`
	Unit     string      `yaml:"unit,omitempty"`
	Keywords []string    `yaml:"keywords,omitempty,flow"`
	Origin   string      `yaml:"origin,omitempty"`
	Children []*yamlNode `yaml:"children,omitempty"`
}

func parseYAML(data []byte) (*Parsed, []row, error) {
	var f yamlFile
	if err := yaml.Unmarshal(data, &f); err != nil {
		return nil, nil, catalog.Errorf(catalog.EINVALID, "YAML 格式错误：%v", err)
	}
	p := &Parsed{Framework: catalog.Framework{ID: f.Framework.ID, Name: f.Framework.Name, NameEN: f.Framework.NameEN, Version: f.Framework.Version}}
	var rows []row
	var walk func(nodes []*yamlNode, parent, path string)
	walk = func(nodes []*yamlNode, parent, path string) {
		for i, n := range nodes {
			where := fmt.Sprintf("%s[%d]", path, i+1)
			rows = append(rows, row{where: catalog.Words{Chinese: where, English: where}, parent: parent, nested: true, ind: catalog.Indicator{
				Code: n.Code, Name: n.Name, NameEN: n.NameEN, Kind: catalog.Kind(n.Kind), Info: n.Info, InfoEN: n.InfoEN, Unit: n.Unit, Keywords: n.Keywords,
			}})
			walk(n.Children, n.Code, where+".children")
		}
	}
	walk(f.Indicators, "", "indicators")
	return p, rows, nil
}

// ExportYAML writes a framework in the nested YAML shape it can be
// imported from.
func ExportYAML(fw catalog.Framework, inds []catalog.Indicator) ([]byte, error) {
	var f yamlFile
	f.Framework.ID, f.Framework.Name, f.Framework.NameEN, f.Framework.Version = fw.ID, fw.Name, fw.NameEN, fw.Version
	nodes := map[string]*yamlNode{}
	for _, ind := range inds {
		n := &yamlNode{Code: ind.Code, Name: ind.Name, NameEN: ind.NameEN, Kind: string(ind.Kind), Info: ind.Info, InfoEN: ind.InfoEN, Unit: ind.Unit, Keywords: ind.Keywords}
		nodes[ind.Code] = n
		if parent, ok := nodes[ind.ParentCode]; ok {
			parent.Children = append(parent.Children, n)
		} else {
			f.Indicators = append(f.Indicators, n)
		}
	}
	out, err := yaml.Marshal(&f)
	if err != nil {
		return nil, fmt.Errorf("encode framework yaml: %w", err)
	}
	return out, nil
}
