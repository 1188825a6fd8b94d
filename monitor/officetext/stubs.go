package officetext

func (ex *extraction) rtf() error { return ErrUnsupported }
