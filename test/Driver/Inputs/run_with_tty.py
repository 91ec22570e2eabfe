"""Run a command with its stderr on a pseudo-terminal, and show what it wrote.

    run_with_tty.py [--pipe] [--columns=N] [--both] <command>...

The command's stderr is the slave side of a pty (`--pipe`: a plain pipe
instead), with output post-processing off so that the bytes arrive as
written (no "\\n" -> "\\r\\n"), and a window of N columns (default 100). Its
stdout is a pipe, unless `--both` puts it on the terminal too. Prints:

    stdout: <line>           each line the command wrote on stdout
    stderr: <line>           stderr, split at "\\n" and before each "\\r",
                             the "\\r" shown as <CR>
    stderr-end
    screen: <line>           the terminal's lines as a person would see them
                             at the end ("\r" goes back to the start of the
                             line, text overwrites), trailing spaces removed
    screen-end
    exit: N

so that FileCheck can see each rewrite of a live progress line, and that
none of it is left on the screen. With --both, everything is under
"stderr:" (one terminal). This script exits 0 whatever the command's status
was.
"""
import fcntl
import os
import pty
import selectors
import struct
import subprocess
import sys
import termios


def parse_options(args):
    tty, both, columns = True, False, 100
    while args and args[0].startswith("--"):
        option = args.pop(0)
        if option == "--pipe":
            tty = False
        elif option == "--both":
            both = True
        elif option.startswith("--columns="):
            columns = int(option.split("=", 1)[1])
        else:
            sys.exit("run_with_tty.py: unknown option " + option)
    return tty, both, columns, args


def open_terminal(columns):
    """A pty pair: bytes unchanged on output, `columns` wide."""
    master, slave = pty.openpty()
    attrs = termios.tcgetattr(slave)
    attrs[1] &= ~termios.OPOST
    termios.tcsetattr(slave, termios.TCSANOW, attrs)
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    return master, slave


def read_all(streams):
    """Reads the fds in `streams` (name -> fd) until each is closed."""
    selector = selectors.DefaultSelector()
    output = {}
    for name, fd in streams.items():
        selector.register(fd, selectors.EVENT_READ, name)
        output[name] = b""
    while selector.get_map():
        for key, _ in selector.select():
            try:
                data = os.read(key.fd, 65536)
            except OSError:  # EIO: the terminal's last writer has gone.
                data = b""
            if data:
                output[key.data] += data
            else:
                selector.unregister(key.fd)
    return output


def show(name, data):
    if not data:
        return
    text = data.decode("utf-8", "replace").replace("\r", "\n<CR>")
    lines = text.split("\n")
    if data.startswith(b"\r"):
        lines.pop(0)  # Not a line: the split before the first "\r".
    if text.endswith("\n"):
        lines.pop()
    for line in lines:
        print(name + ": " + line)


def render(data):
    """The lines of a terminal after `data`: "\r" and overwriting."""
    lines, line, column = [], [], 0
    for char in data.decode("utf-8", "replace"):
        if char == "\n":
            lines.append(line)
            line, column = [], 0
        elif char == "\r":
            column = 0
        else:
            if column < len(line):
                line[column] = char
            else:
                line.append(char)
            column += 1
    lines.append(line)
    shown = ["".join(chars).rstrip() for chars in lines]
    while shown and not shown[-1]:
        shown.pop()  # Blank: nothing is left to see.
    return shown


def main():
    tty, both, columns, command = parse_options(sys.argv[1:])
    if tty:
        master, slave = open_terminal(columns)
        stdout = slave if both else subprocess.PIPE
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=stdout, stderr=slave)
        os.close(slave)
        streams = {"stderr": master}
    else:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE)
        streams = {"stderr": process.stderr.fileno()}
    if process.stdout is not None:
        streams["stdout"] = process.stdout.fileno()
    output = read_all(streams)
    status = process.wait()
    show("stdout", output.get("stdout", b""))
    show("stderr", output["stderr"])
    print("stderr-end")
    for line in render(output["stderr"]):
        print("screen: " + line)
    print("screen-end")
    print("exit: %d" % status)


if __name__ == "__main__":
    main()
