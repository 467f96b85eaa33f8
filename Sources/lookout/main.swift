import LookoutApp

LookoutCommand.main()
