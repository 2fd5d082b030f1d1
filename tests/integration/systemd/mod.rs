//! ctl under systemd: sd_notify (`--sdnotify`) against a real datagram socket.

mod notify;
