package officetext

import (
	"encoding/xml"
	"fmt"
	"path"
	"strconv"
	"strings"
)

// sheetRef is one worksheet as xl/workbook.xml lists it, with its part name
// resolved through xl/_rels/workbook.xml.rels.
type sheetRef struct {
	name string
	rID  string
	part string
}

// xlsx reads the workbook with its own streaming reader: sheet list,
// relationships, shared strings table, then each sheet's cells in order.
func (ex *extraction) xlsx(c *container) error {
	sheets, err := xlsxSheets(c)
	if err != nil {
		return err
	}
	shared, err := ex.sharedStrings(c)
	if err != nil {
		return err
	}
	for _, s := range sheets {
		if s.part == "" || !c.has(s.part) {
			continue
		}
		if err := ex.worksheet(c, s, shared); err != nil {
			return err
		}
	}
	return nil
}

func xlsxSheets(c *container) ([]sheetRef, error) {
	var sheets []sheetRef
	err := c.xmlPart("xl/workbook.xml", func(d *xml.Decoder, t xml.Token) error {
		if se, ok := t.(xml.StartElement); ok && se.Name.Local == "sheet" {
			s := sheetRef{name: attr(se, "name")}
			for _, a := range se.Attr {
				// r:id, in the relationships namespace; "id" alone is not it.
				if a.Name.Local == "id" && a.Name.Space != "" {
					s.rID = a.Value
				}
			}
			if len(sheets) >= 1<<16 {
				return fmt.Errorf("xlsx: xl/workbook.xml lists more than %d sheets", 1<<16)
			}
			sheets = append(sheets, s)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	targets := map[string]string{}
	if c.has("xl/_rels/workbook.xml.rels") {
		err = c.xmlPart("xl/_rels/workbook.xml.rels", func(d *xml.Decoder, t xml.Token) error {
			if se, ok := t.(xml.StartElement); ok && se.Name.Local == "Relationship" {
				if len(targets) >= 1<<17 {
					return fmt.Errorf("xlsx: xl/_rels/workbook.xml.rels has too many relationships")
				}
				targets[attr(se, "Id")] = attr(se, "Target")
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	for i := range sheets {
		if sheets[i].name == "" {
			sheets[i].name = "Sheet" + strconv.Itoa(i+1)
		}
		target, ok := targets[sheets[i].rID]
		if !ok {
			// Without relationships, the conventional name is the best guess.
			sheets[i].part = "xl/worksheets/sheet" + strconv.Itoa(i+1) + ".xml"
			continue
		}
		if strings.HasPrefix(target, "/") {
			sheets[i].part = strings.TrimPrefix(target, "/")
		} else {
			sheets[i].part = path.Clean(path.Join("xl", target))
		}
	}
	return sheets, nil
}

// sharedStrings reads xl/sharedStrings.xml: each si is plain t or rich-text
// runs r/t; phonetic guides (rPh) are left out. The table's size is bounded
// by MaxEntryXML (its bytes) and MaxCells (its count).
func (ex *extraction) sharedStrings(c *container) ([]string, error) {
	const name = "xl/sharedStrings.xml"
	if !c.has(name) {
		return nil, nil
	}
	var (
		table  []string
		cur    strings.Builder
		inSI   bool
		inT    bool
		phonic int
	)
	err := c.xmlPart(name, func(d *xml.Decoder, t xml.Token) error {
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "si":
				inSI = true
				cur.Reset()
			case "rPh":
				phonic++
			case "t":
				inT = inSI && phonic == 0
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "si":
				if int64(len(table)) >= ex.lim.MaxCells {
					return fmt.Errorf("xlsx: %s has more than %d strings", name, ex.lim.MaxCells)
				}
				table = append(table, cur.String())
				inSI = false
			case "rPh":
				phonic--
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				cur.Write(t)
			}
		}
		return nil
	})
	return table, err
}

// cellState collects one c element of sheetData.
type cellState struct {
	typ    string
	value  strings.Builder // v, or the inline string's t
	inV    bool
	inT    bool
	phonic int
}

// worksheet writes one sheet as a Part: cells of a row joined by "\t", rows
// by "\n". Numbers are the text of v exactly (an 18-digit ID typed as a
// number stays "1.10101199003071E+17"; one written in full stays in full).
func (ex *extraction) worksheet(c *container, s sheetRef, shared []string) error {
	out := ex.newPart()
	defer ex.add(s.name, out)
	var (
		cell     *cellState
		rowCells int
	)
	return c.xmlPart(s.part, func(d *xml.Decoder, t xml.Token) error {
		switch t := t.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "row":
				rowCells = 0
			case "c":
				if err := ex.cell(); err != nil {
					return err
				}
				cell = &cellState{typ: attr(t, "t")}
			case "v":
				if cell != nil {
					cell.inV = true
				}
			case "t":
				if cell != nil && cell.phonic == 0 {
					cell.inT = true
				}
			case "rPh":
				if cell != nil {
					cell.phonic++
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "row":
				if rowCells > 0 {
					return out.write("\n")
				}
			case "c":
				if cell == nil {
					return nil
				}
				text := cellText(cell, shared)
				cell = nil
				if text == "" {
					return nil
				}
				if rowCells > 0 {
					if err := out.write("\t"); err != nil {
						return err
					}
				}
				rowCells++
				return out.write(text)
			case "v":
				if cell != nil {
					cell.inV = false
				}
			case "t":
				if cell != nil {
					cell.inT = false
				}
			case "rPh":
				if cell != nil {
					cell.phonic--
				}
			}
		case xml.CharData:
			if cell != nil && (cell.inV || cell.inT) {
				if cell.value.Len()+len(t) > 1<<20 {
					return fmt.Errorf("xlsx: %s: cell value longer than 1 MiB", s.part)
				}
				cell.value.Write(t)
			}
		}
		return nil
	})
}

func cellText(c *cellState, shared []string) string {
	v := c.value.String()
	switch c.typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || i < 0 || i >= len(shared) {
			return ""
		}
		return shared[i]
	case "b":
		switch strings.TrimSpace(v) {
		case "1":
			return "TRUE"
		case "0":
			return "FALSE"
		}
	}
	// Numbers, inline strings, formula strings, errors, ISO dates: as written.
	return v
}
