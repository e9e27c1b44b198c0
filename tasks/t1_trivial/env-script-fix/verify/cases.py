"""Hidden .env matrix for env-script-fix, grouped by the check each case belongs to.

Expected values are written by hand from README.md's format rules (not generated from the
reference solution). A case expects either a dict ("values") or a ValueError whose message
names the line ("error_line").
"""

PARSE_GROUPS = [
    ("values may contain '='", 0.75, [
        ("url with query", "DATABASE_URL=postgres://app:pw@db.internal:5432/app?sslmode=require&connect_timeout=5\n",
         {"DATABASE_URL": "postgres://app:pw@db.internal:5432/app?sslmode=require&connect_timeout=5"}),
        ("base64 padding", "API_KEY=YWJjOmRlZg==\nNEXT=1\n", {"API_KEY": "YWJjOmRlZg==", "NEXT": "1"}),
        ("value starting with '='", "EQ==leading\n", {"EQ": "=leading"}),
    ]),
    ("export prefix", 0.5, [
        ("export", "export DUMP_DIR=/srv/dumps\n", {"DUMP_DIR": "/srv/dumps"}),
        ("export with spacing", "export   DUMP_LABEL = weekly\n", {"DUMP_LABEL": "weekly"}),
        ("key starting with EXPORT", "EXPORTED_AT=noon\nexporter=prom\n", {"EXPORTED_AT": "noon", "exporter": "prom"}),
        ("indented export", "  export A=1\n", {"A": "1"}),
    ]),
    ("double-quoted values", 0.75, [
        ("hash inside", 'LABEL="nightly # full"\n', {"LABEL": "nightly # full"}),
        ("escaped quote", 'MOTD="say \\"hi\\""\n', {"MOTD": 'say "hi"'}),
        ("newline escape", 'MULTI="line1\\nline2"\n', {"MULTI": "line1\nline2"}),
        ("escaped backslash", 'WINPATH="C:\\\\dumps\\\\db"\n', {"WINPATH": "C:\\dumps\\db"}),
        ("comment after quote", 'TRAIL="value"   # note\n', {"TRAIL": "value"}),
        ("empty quotes", 'EMPTY=""\n', {"EMPTY": ""}),
        ("inner spaces kept", 'PAD="  padded  "\n', {"PAD": "  padded  "}),
        ("single quote inside", 'IT="it\'s"\n', {"IT": "it's"}),
    ]),
    ("single-quoted values are literal", 0.75, [
        ("quotes and hash inside", "PGPASS='p@ss \"w0rd\" #1'\n", {"PGPASS": 'p@ss "w0rd" #1'}),
        ("backslash-n stays", "RAW='a\\nb'\n", {"RAW": "a\\nb"}),
        ("dollar stays", "REF='$HOME/x'\n", {"REF": "$HOME/x"}),
        ("comment after quote", "SQ='x'  # comment\n", {"SQ": "x"}),
        ("trailing backslash", "BS='C:\\dumps\\'\n", {"BS": "C:\\dumps\\"}),
        ("inner spaces kept", "SP='  a  '\n", {"SP": "  a  "}),
    ]),
    ("unquoted values and inline comments", 0.5, [
        ("comment after value", "DUMP_KEEP=14   # two weeks\n", {"DUMP_KEEP": "14"}),
        ("hash in url", "URL=http://host/#top\n", {"URL": "http://host/#top"}),
        ("hash in word", "PASS=abc#123\n", {"PASS": "abc#123"}),
        ("tab before comment", "T=v\t# tab comment\n", {"T": "v"}),
        ("inner spaces", "GREETING=hello world  \n", {"GREETING": "hello world"}),
        ("inner runs of blanks kept", "GAP=a  b\tc\n", {"GAP": "a  b\tc"}),
        ("quote inside a word", "WHO=O'Brien\n", {"WHO": "O'Brien"}),
    ]),
    ("basics keep working", 0.25, [
        ("comments and blanks", "# header\n\nA=1\n   # indented\n\nB=2\n", {"A": "1", "B": "2"}),
        ("spaces around", "  KEY  =  value  \n", {"KEY": "value"}),
        ("last wins", "A=1\nA=2\n", {"A": "2"}),
        ("empty value", "E=\n", {"E": ""}),
        ("crlf", "A=1\r\nB=2\r\n", {"A": "1", "B": "2"}),
    ]),
    ("malformed lines name their line number", 0.25, [
        ("no equals", "A=1\n\njust some words\n", 3),
        ("junk after closing quote", 'A=1\nQ="abc"def\n', 2),
    ]),
]

# CLI runs of dbdump.py --dry-run: (name, .env text or None for "no file", words the error must
# contain; a tuple means "any one of these")
REQUIRED_ONLY = "DATABASE_URL=postgres://backup@db/app\nDUMP_DIR=/srv/x\n"

PRODUCTION_ENV = """# /etc/dbdump/.env -- managed by hand, see README
export DATABASE_URL='postgres://backup:Zx#9"q=@db-primary.internal:5432/app?sslmode=require'
DUMP_DIR = "/var/backups/db"   # the big disk
DUMP_LABEL=prod-nightly
DUMP_KEEP=14  # two weeks
DUMP_EXCLUDE_TABLES="audit_log, session_cache"

# old host, kept for reference
#DATABASE_URL=postgres://backup@old-db/app
"""
PRODUCTION_COMMAND = [
    "pg_dump", "--format=custom",
    '--dbname=postgres://backup:Zx#9"q=@db-primary.internal:5432/app?sslmode=require',
    "--file=/var/backups/db/prod-nightly.dump",
    "--exclude-table=audit_log", "--exclude-table=session_cache",
]
PRODUCTION_ROTATE = "rotate /var/backups/db/prod-nightly.dump keep=14"

# Every settings key: an error message that names keys unrelated to its problem is stuffed, not specific.
KEYS = ("DATABASE_URL", "DUMP_DIR", "DUMP_LABEL", "DUMP_KEEP", "DUMP_FORMAT", "DUMP_EXCLUDE_TABLES")
REQUIRED_KEYS = ("DATABASE_URL", "DUMP_DIR")

# (name, .env text or None, words the error must contain, keys it may name: the problem's own; a message that
# lists the required keys is fine wherever a required key or the whole file is the problem)
MISSING_KEY_RUNS = [
    ("DATABASE_URL missing", "DUMP_DIR=/srv/x\n", ["DATABASE_URL"], REQUIRED_KEYS),
    ("both missing", "DUMP_LABEL=x\n", [("DATABASE_URL", "DUMP_DIR")], REQUIRED_KEYS),  # either may come first
    ("DUMP_DIR empty", "DATABASE_URL=postgres://db/app\nDUMP_DIR=\n", ["DUMP_DIR"], REQUIRED_KEYS),
]
OTHER_ERROR_RUNS = [
    ("settings file missing", None, ["no-such.env"], REQUIRED_KEYS),
    ("DUMP_KEEP not a number", REQUIRED_ONLY + "DUMP_KEEP=seven\n", ["DUMP_KEEP"], ("DUMP_KEEP",)),
    ("malformed line", REQUIRED_ONLY + "oops\n", ["3"], ()),
]
