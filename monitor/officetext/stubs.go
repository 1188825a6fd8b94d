package officetext

func (ex *extraction) ole(format string) error { return ErrUnsupported }
func (ex *extraction) rtf() error              { return ErrUnsupported }
