
use builtin;
use str;

set edit:completion:arg-completer[alacrity] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'alacrity'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'alacrity'= {
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand -V 'Print the version, the git commit and the oldest Engine API supported (as data with --output json)'
            cand --version 'Print the version, the git commit and the oldest Engine API supported (as data with --output json)'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand validate 'Check app specs against the persistence rules, without touching the engine'
            cand plan 'Show what `deploy` would do, app by app, without changing anything'
            cand deploy 'Create or update the apps of the given specs as swarm services'
            cand apps 'List deployed apps, show their tasks and logs, scale and remove them'
            cand volumes 'List and remove managed volumes (alacran--*), kept after their app is removed'
            cand binds 'List and remove host directories that apps bind-mounted, kept after their app is removed'
            cand lock 'Show or release the swarm-wide lock that commands which write take'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alacrity;validate'= {
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;plan'= {
            cand --app 'Only these apps (repeatable)'
            cand --resolve-image 'When to resolve image tags to digests, so that every node runs the same image: always (a new push to a tag is an update), changed (only new or changed images), never'
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --registry-auth 'Send the registry credentials of the docker CLI with each service, so that every node can pull (the default)'
            cand --no-registry-auth 'Do not send registry credentials with the services (the nodes must be logged in)'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;deploy'= {
            cand --app 'Only these apps (repeatable)'
            cand --timeout 'How long to wait for the apps to converge (e.g. 90s, 5m)'
            cand --monitor 'How long new containers must stay up before an app counts as running (e.g. 2s, 10s; 0: as soon as they run)'
            cand --resolve-image 'When to resolve image tags to digests, so that every node runs the same image: always (a new push to a tag is an update), changed (only new or changed images), never'
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand -d 'Return as soon as the services are created or updated, without waiting for them to run'
            cand --detach 'Return as soon as the services are created or updated, without waiting for them to run'
            cand --move-node 'Allow pinning a persistent app to a different node than before (its data stays behind)'
            cand --no-rollback 'Leave a failed update as it failed, for debugging, instead of rolling the app back to its previous version'
            cand --prune 'Also remove the deployed apps of the specs'' projects that the specs no longer declare, as `apps rm` does (their data is kept); asks first'
            cand --registry-auth 'Send the registry credentials of the docker CLI with each service, so that every node can pull (the default)'
            cand --no-registry-auth 'Do not send registry credentials with the services (the nodes must be logged in)'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;apps'= {
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand ls 'List deployed apps'
            cand ps 'Show the tasks of apps: where each instance runs or ran, its state, health and error'
            cand logs 'Show the logs of every task of an app, on every node'
            cand scale 'Set the number of instances of an app'
            cand rm 'Remove apps; their volumes and host directories are kept'
            cand rollback 'Return an app to the spec it ran before its last deploy, and wait until it runs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alacrity;apps;ls'= {
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;apps;ps'= {
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;apps;logs'= {
            cand --since 'Only lines written since then: a duration back from now (e.g. 10m, 1h30m) or a UTC time (e.g. 2024-05-01T12:00:00Z)'
            cand -n 'Only the last N lines of each task'
            cand --tail 'Only the last N lines of each task'
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand -f 'Keep printing new lines as they are written (Ctrl-C ends)'
            cand --follow 'Keep printing new lines as they are written (Ctrl-C ends)'
            cand -t 'Show when each line was written'
            cand --timestamps 'Show when each line was written'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;apps;scale'= {
            cand --monitor 'How long new containers must stay up before an app counts as running (e.g. 2s, 10s; 0: as soon as they run)'
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;apps;rm'= {
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;apps;rollback'= {
            cand --timeout 'How long to wait for the app to run its previous version (e.g. 90s, 5m)'
            cand --monitor 'How long returned containers must stay up before the app counts as running (e.g. 2s; 0: as soon as they run)'
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;apps;help'= {
            cand ls 'List deployed apps'
            cand ps 'Show the tasks of apps: where each instance runs or ran, its state, health and error'
            cand logs 'Show the logs of every task of an app, on every node'
            cand scale 'Set the number of instances of an app'
            cand rm 'Remove apps; their volumes and host directories are kept'
            cand rollback 'Return an app to the spec it ran before its last deploy, and wait until it runs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alacrity;apps;help;ls'= {
        }
        &'alacrity;apps;help;ps'= {
        }
        &'alacrity;apps;help;logs'= {
        }
        &'alacrity;apps;help;scale'= {
        }
        &'alacrity;apps;help;rm'= {
        }
        &'alacrity;apps;help;rollback'= {
        }
        &'alacrity;apps;help;help'= {
        }
        &'alacrity;volumes'= {
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand ls 'List managed volumes (alacran--*)'
            cand rm 'Remove managed volumes that no app uses (asks first)'
            cand export 'Write a managed volume''s content to a tar archive (gzip or zstd by the file''s extension)'
            cand import 'Restore a tar archive, or copy another Docker volume, into a new or empty managed volume'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alacrity;volumes;ls'= {
            cand --manager 'A swarm manager''s engine, needed when --host is a worker node''s engine'
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --retained 'Only volumes no app uses any more'
            cand --size 'Show the size of each volume of the node alacrity talks to (slower)'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;volumes;rm'= {
            cand --manager 'A swarm manager''s engine, needed when --host is a worker node''s engine'
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --forget 'Drop the record only and keep the volume (e.g. a record of a node that left the swarm)'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;volumes;export'= {
            cand --node 'The node that holds the volume [default: the one alacrity''s records and apps say]'
            cand --node-host 'How to reach a node''s engine: NODE=URL, NODE a hostname or ID from `docker node ls`, URL as for --host; repeatable [default: a docker context named like the node, else --host when it is that node]'
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --stop 'Stop the app that uses the data for the copy, and start it again after'
            cand --live 'Copy the data while it is in use (fine for plain files, not for a running database)'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;volumes;import'= {
            cand --from-volume 'Copy this existing Docker volume of the same node instead (e.g. a compose or CapRover volume); it is left untouched'
            cand --node 'The node of the volume [default: the one alacrity''s records and apps say; on a one-node swarm, that node]'
            cand --node-host 'How to reach a node''s engine: NODE=URL, NODE a hostname or ID from `docker node ls`, URL as for --host; repeatable [default: a docker context named like the node, else --host when it is that node]'
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --live 'With --from-volume: copy it even while something uses it (fine for plain files, not for a running database)'
            cand --replace 'Delete what the volume holds and import in its place (asks first; never while in use)'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;volumes;help'= {
            cand ls 'List managed volumes (alacran--*)'
            cand rm 'Remove managed volumes that no app uses (asks first)'
            cand export 'Write a managed volume''s content to a tar archive (gzip or zstd by the file''s extension)'
            cand import 'Restore a tar archive, or copy another Docker volume, into a new or empty managed volume'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alacrity;volumes;help;ls'= {
        }
        &'alacrity;volumes;help;rm'= {
        }
        &'alacrity;volumes;help;export'= {
        }
        &'alacrity;volumes;help;import'= {
        }
        &'alacrity;volumes;help;help'= {
        }
        &'alacrity;binds'= {
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand ls 'List host directories that apps bind-mounted'
            cand rm 'Remove recorded host directories that no app uses (asks first)'
            cand export 'Write a host directory''s content to a tar archive (gzip or zstd by the file''s extension)'
            cand import 'Restore a tar archive into an existing, empty host directory of a node'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alacrity;binds;ls'= {
            cand --manager 'A swarm manager''s engine, needed when --host is a worker node''s engine'
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --retained 'Only directories no app uses any more'
            cand --size 'Show the size of each directory of this machine''s node (slower: walks the directories)'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;binds;rm'= {
            cand --manager 'A swarm manager''s engine, needed when --host is a worker node''s engine'
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --forget 'Drop the record only and keep the directory on disk'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;binds;export'= {
            cand --node 'The node whose directory it is [default: the one alacrity''s records and apps say]'
            cand --node-host 'How to reach a node''s engine: NODE=URL, NODE a hostname or ID from `docker node ls`, URL as for --host; repeatable [default: a docker context named like the node, else --host when it is that node]'
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --stop 'Stop the app that uses the data for the copy, and start it again after'
            cand --live 'Copy the data while it is in use (fine for plain files, not for a running database)'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;binds;import'= {
            cand --node 'The node whose directory it is [default: the one alacrity''s records and apps say; on a one-node swarm, that node]'
            cand --node-host 'How to reach a node''s engine: NODE=URL, NODE a hostname or ID from `docker node ls`, URL as for --host; repeatable [default: a docker context named like the node, else --host when it is that node]'
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;binds;help'= {
            cand ls 'List host directories that apps bind-mounted'
            cand rm 'Remove recorded host directories that no app uses (asks first)'
            cand export 'Write a host directory''s content to a tar archive (gzip or zstd by the file''s extension)'
            cand import 'Restore a tar archive into an existing, empty host directory of a node'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alacrity;binds;help;ls'= {
        }
        &'alacrity;binds;help;rm'= {
        }
        &'alacrity;binds;help;export'= {
        }
        &'alacrity;binds;help;import'= {
        }
        &'alacrity;binds;help;help'= {
        }
        &'alacrity;lock'= {
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand status 'Show who holds the lock, and since when'
            cand release 'Remove the lock, whoever holds it (when its holder is gone; asks first)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alacrity;lock;status'= {
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;lock;release'= {
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;lock;help'= {
            cand status 'Show who holds the lock, and since when'
            cand release 'Remove the lock, whoever holds it (when its holder is gone; asks first)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alacrity;lock;help;status'= {
        }
        &'alacrity;lock;help;release'= {
        }
        &'alacrity;lock;help;help'= {
        }
        &'alacrity;completions'= {
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;man'= {
            cand -H 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand --host 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]'
            cand -c 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --context 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]'
            cand --tlscacert 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]'
            cand --tlscert 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]'
            cand --tlskey 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]'
            cand -o 'How to print results'
            cand --output 'How to print results'
            cand --lock-timeout 'How long a command that writes waits for another alacrity command''s swarm-wide lock'
            cand --color 'When to use colors [never with NO_COLOR set]'
            cand --tlsverify 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
            cand -y 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand --yes 'Answer yes to every confirmation prompt (needed without a terminal)'
            cand -q 'Print only data and errors'
            cand --quiet 'Print only data and errors'
            cand -v 'Print more detail (every engine API call with -vv)'
            cand --verbose 'Print more detail (every engine API call with -vv)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'alacrity;help'= {
            cand validate 'Check app specs against the persistence rules, without touching the engine'
            cand plan 'Show what `deploy` would do, app by app, without changing anything'
            cand deploy 'Create or update the apps of the given specs as swarm services'
            cand apps 'List deployed apps, show their tasks and logs, scale and remove them'
            cand volumes 'List and remove managed volumes (alacran--*), kept after their app is removed'
            cand binds 'List and remove host directories that apps bind-mounted, kept after their app is removed'
            cand lock 'Show or release the swarm-wide lock that commands which write take'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'alacrity;help;validate'= {
        }
        &'alacrity;help;plan'= {
        }
        &'alacrity;help;deploy'= {
        }
        &'alacrity;help;apps'= {
            cand ls 'List deployed apps'
            cand ps 'Show the tasks of apps: where each instance runs or ran, its state, health and error'
            cand logs 'Show the logs of every task of an app, on every node'
            cand scale 'Set the number of instances of an app'
            cand rm 'Remove apps; their volumes and host directories are kept'
            cand rollback 'Return an app to the spec it ran before its last deploy, and wait until it runs'
        }
        &'alacrity;help;apps;ls'= {
        }
        &'alacrity;help;apps;ps'= {
        }
        &'alacrity;help;apps;logs'= {
        }
        &'alacrity;help;apps;scale'= {
        }
        &'alacrity;help;apps;rm'= {
        }
        &'alacrity;help;apps;rollback'= {
        }
        &'alacrity;help;volumes'= {
            cand ls 'List managed volumes (alacran--*)'
            cand rm 'Remove managed volumes that no app uses (asks first)'
            cand export 'Write a managed volume''s content to a tar archive (gzip or zstd by the file''s extension)'
            cand import 'Restore a tar archive, or copy another Docker volume, into a new or empty managed volume'
        }
        &'alacrity;help;volumes;ls'= {
        }
        &'alacrity;help;volumes;rm'= {
        }
        &'alacrity;help;volumes;export'= {
        }
        &'alacrity;help;volumes;import'= {
        }
        &'alacrity;help;binds'= {
            cand ls 'List host directories that apps bind-mounted'
            cand rm 'Remove recorded host directories that no app uses (asks first)'
            cand export 'Write a host directory''s content to a tar archive (gzip or zstd by the file''s extension)'
            cand import 'Restore a tar archive into an existing, empty host directory of a node'
        }
        &'alacrity;help;binds;ls'= {
        }
        &'alacrity;help;binds;rm'= {
        }
        &'alacrity;help;binds;export'= {
        }
        &'alacrity;help;binds;import'= {
        }
        &'alacrity;help;lock'= {
            cand status 'Show who holds the lock, and since when'
            cand release 'Remove the lock, whoever holds it (when its holder is gone; asks first)'
        }
        &'alacrity;help;lock;status'= {
        }
        &'alacrity;help;lock;release'= {
        }
        &'alacrity;help;completions'= {
        }
        &'alacrity;help;man'= {
        }
        &'alacrity;help;help'= {
        }
    ]
    $completions[$command]
}
