# What the operating system said when a call failed (src/app/text.rs, `system_error`), for
# the errors netlearn's users meet; any other is shown in the system's own words. The English
# texts are the system's (glibc's) own.

# $words is one of the system-* texts below, $errno its number on this system.
system-error = { $words } (os error { $errno })

system-connection-reset = Connection reset by peer
system-broken-pipe = Broken pipe
system-connection-refused = Connection refused
system-connection-aborted = Software caused connection abort
system-timed-out = Connection timed out
system-not-found = No such file or directory
system-permission-denied = Permission denied
system-not-permitted = Operation not permitted
system-address-in-use = Address already in use
system-address-not-available = Cannot assign requested address
system-network-unreachable = Network is unreachable
system-host-unreachable = No route to host
system-too-many-files = Too many open files
system-too-many-files-in-system = Too many open files in system
system-out-of-memory = Cannot allocate memory
system-no-buffers = No buffer space available
system-is-a-directory = Is a directory
system-not-a-directory = Not a directory
system-message-too-long = Message too long
system-no-such-device = No such device

## Failures the library names without an errno (no "(os error N)" after them).
system-write-zero = write zero
system-unexpected-eof = unexpected end of file
