import LookoutUI
