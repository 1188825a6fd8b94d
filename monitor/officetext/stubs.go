package officetext

func (ex *extraction) rtf() error                                { return ErrUnsupported }
func (ex *extraction) excelBinary(f *cfbFile, e *cfbEntry) error { return ErrUnsupported }
