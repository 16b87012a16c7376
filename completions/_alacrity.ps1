
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'alacrity' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'alacrity'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'alacrity' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print the version, the git commit and the oldest Engine API supported (as data with --output json)')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print the version, the git commit and the oldest Engine API supported (as data with --output json)')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check app specs against the persistence rules, without touching the engine')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what `deploy` would do, app by app, without changing anything')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Create or update the apps of the given specs as swarm services')
            [CompletionResult]::new('apps', 'apps', [CompletionResultType]::ParameterValue, 'List deployed apps, show their tasks and logs, scale and remove them')
            [CompletionResult]::new('volumes', 'volumes', [CompletionResultType]::ParameterValue, 'List and remove managed volumes (alacran--*), kept after their app is removed')
            [CompletionResult]::new('binds', 'binds', [CompletionResultType]::ParameterValue, 'List and remove host directories that apps bind-mounted, kept after their app is removed')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Show or release the swarm-wide lock that commands which write take')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alacrity;validate' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;plan' {
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Only these apps (repeatable)')
            [CompletionResult]::new('--resolve-image', '--resolve-image', [CompletionResultType]::ParameterName, 'When to resolve image tags to digests, so that every node runs the same image: always (a new push to a tag is an update), changed (only new or changed images), never')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--registry-auth', '--registry-auth', [CompletionResultType]::ParameterName, 'Send the registry credentials of the docker CLI with each service, so that every node can pull (the default)')
            [CompletionResult]::new('--no-registry-auth', '--no-registry-auth', [CompletionResultType]::ParameterName, 'Do not send registry credentials with the services (the nodes must be logged in)')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;deploy' {
            [CompletionResult]::new('--app', '--app', [CompletionResultType]::ParameterName, 'Only these apps (repeatable)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the apps to converge (e.g. 90s, 5m)')
            [CompletionResult]::new('--monitor', '--monitor', [CompletionResultType]::ParameterName, 'How long new containers must stay up before an app counts as running (e.g. 2s, 10s; 0: as soon as they run)')
            [CompletionResult]::new('--resolve-image', '--resolve-image', [CompletionResultType]::ParameterName, 'When to resolve image tags to digests, so that every node runs the same image: always (a new push to a tag is an update), changed (only new or changed images), never')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Return as soon as the services are created or updated, without waiting for them to run')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Return as soon as the services are created or updated, without waiting for them to run')
            [CompletionResult]::new('--move-node', '--move-node', [CompletionResultType]::ParameterName, 'Allow pinning a persistent app to a different node than before (its data stays behind)')
            [CompletionResult]::new('--no-rollback', '--no-rollback', [CompletionResultType]::ParameterName, 'Leave a failed update as it failed, for debugging, instead of rolling the app back to its previous version')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Also remove the deployed apps of the specs'' projects that the specs no longer declare, as `apps rm` does (their data is kept); asks first')
            [CompletionResult]::new('--registry-auth', '--registry-auth', [CompletionResultType]::ParameterName, 'Send the registry credentials of the docker CLI with each service, so that every node can pull (the default)')
            [CompletionResult]::new('--no-registry-auth', '--no-registry-auth', [CompletionResultType]::ParameterName, 'Do not send registry credentials with the services (the nodes must be logged in)')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;apps' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List deployed apps')
            [CompletionResult]::new('ps', 'ps', [CompletionResultType]::ParameterValue, 'Show the tasks of apps: where each instance runs or ran, its state, health and error')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show the logs of every task of an app, on every node')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Set the number of instances of an app')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove apps; their volumes and host directories are kept')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Return an app to the spec it ran before its last deploy, and wait until it runs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alacrity;apps;ls' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;apps;ps' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;apps;logs' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only lines written since then: a duration back from now (e.g. 10m, 1h30m) or a UTC time (e.g. 2024-05-01T12:00:00Z)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Only the last N lines of each task')
            [CompletionResult]::new('--tail', '--tail', [CompletionResultType]::ParameterName, 'Only the last N lines of each task')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing new lines as they are written (Ctrl-C ends)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing new lines as they are written (Ctrl-C ends)')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Show when each line was written')
            [CompletionResult]::new('--timestamps', '--timestamps', [CompletionResultType]::ParameterName, 'Show when each line was written')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;apps;scale' {
            [CompletionResult]::new('--monitor', '--monitor', [CompletionResultType]::ParameterName, 'How long new containers must stay up before an app counts as running (e.g. 2s, 10s; 0: as soon as they run)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;apps;rm' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;apps;rollback' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long to wait for the app to run its previous version (e.g. 90s, 5m)')
            [CompletionResult]::new('--monitor', '--monitor', [CompletionResultType]::ParameterName, 'How long returned containers must stay up before the app counts as running (e.g. 2s; 0: as soon as they run)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;apps;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List deployed apps')
            [CompletionResult]::new('ps', 'ps', [CompletionResultType]::ParameterValue, 'Show the tasks of apps: where each instance runs or ran, its state, health and error')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show the logs of every task of an app, on every node')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Set the number of instances of an app')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove apps; their volumes and host directories are kept')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Return an app to the spec it ran before its last deploy, and wait until it runs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alacrity;apps;help;ls' {
            break
        }
        'alacrity;apps;help;ps' {
            break
        }
        'alacrity;apps;help;logs' {
            break
        }
        'alacrity;apps;help;scale' {
            break
        }
        'alacrity;apps;help;rm' {
            break
        }
        'alacrity;apps;help;rollback' {
            break
        }
        'alacrity;apps;help;help' {
            break
        }
        'alacrity;volumes' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List managed volumes (alacran--*)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove managed volumes that no app uses (asks first)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a managed volume''s content to a tar archive (gzip or zstd by the file''s extension)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Restore a tar archive, or copy another Docker volume, into a new or empty managed volume')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alacrity;volumes;ls' {
            [CompletionResult]::new('--manager', '--manager', [CompletionResultType]::ParameterName, 'A swarm manager''s engine, needed when --host is a worker node''s engine')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--retained', '--retained', [CompletionResultType]::ParameterName, 'Only volumes no app uses any more')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Show the size of each volume of the node alacrity talks to (slower)')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;volumes;rm' {
            [CompletionResult]::new('--manager', '--manager', [CompletionResultType]::ParameterName, 'A swarm manager''s engine, needed when --host is a worker node''s engine')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--forget', '--forget', [CompletionResultType]::ParameterName, 'Drop the record only and keep the volume (e.g. a record of a node that left the swarm)')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;volumes;export' {
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'The node that holds the volume [default: the one alacrity''s records and apps say]')
            [CompletionResult]::new('--node-host', '--node-host', [CompletionResultType]::ParameterName, 'How to reach a node''s engine: NODE=URL, NODE a hostname or ID from `docker node ls`, URL as for --host; repeatable [default: a docker context named like the node, else --host when it is that node]')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--stop', '--stop', [CompletionResultType]::ParameterName, 'Stop the app that uses the data for the copy, and start it again after')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Copy the data while it is in use (fine for plain files, not for a running database)')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;volumes;import' {
            [CompletionResult]::new('--from-volume', '--from-volume', [CompletionResultType]::ParameterName, 'Copy this existing Docker volume of the same node instead (e.g. a compose or CapRover volume); it is left untouched')
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'The node of the volume [default: the one alacrity''s records and apps say; on a one-node swarm, that node]')
            [CompletionResult]::new('--node-host', '--node-host', [CompletionResultType]::ParameterName, 'How to reach a node''s engine: NODE=URL, NODE a hostname or ID from `docker node ls`, URL as for --host; repeatable [default: a docker context named like the node, else --host when it is that node]')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'With --from-volume: copy it even while something uses it (fine for plain files, not for a running database)')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Delete what the volume holds and import in its place (asks first; never while in use)')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;volumes;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List managed volumes (alacran--*)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove managed volumes that no app uses (asks first)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a managed volume''s content to a tar archive (gzip or zstd by the file''s extension)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Restore a tar archive, or copy another Docker volume, into a new or empty managed volume')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alacrity;volumes;help;ls' {
            break
        }
        'alacrity;volumes;help;rm' {
            break
        }
        'alacrity;volumes;help;export' {
            break
        }
        'alacrity;volumes;help;import' {
            break
        }
        'alacrity;volumes;help;help' {
            break
        }
        'alacrity;binds' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List host directories that apps bind-mounted')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove recorded host directories that no app uses (asks first)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a host directory''s content to a tar archive (gzip or zstd by the file''s extension)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Restore a tar archive into an existing, empty host directory of a node')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alacrity;binds;ls' {
            [CompletionResult]::new('--manager', '--manager', [CompletionResultType]::ParameterName, 'A swarm manager''s engine, needed when --host is a worker node''s engine')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--retained', '--retained', [CompletionResultType]::ParameterName, 'Only directories no app uses any more')
            [CompletionResult]::new('--size', '--size', [CompletionResultType]::ParameterName, 'Show the size of each directory of this machine''s node (slower: walks the directories)')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;binds;rm' {
            [CompletionResult]::new('--manager', '--manager', [CompletionResultType]::ParameterName, 'A swarm manager''s engine, needed when --host is a worker node''s engine')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--forget', '--forget', [CompletionResultType]::ParameterName, 'Drop the record only and keep the directory on disk')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;binds;export' {
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'The node whose directory it is [default: the one alacrity''s records and apps say]')
            [CompletionResult]::new('--node-host', '--node-host', [CompletionResultType]::ParameterName, 'How to reach a node''s engine: NODE=URL, NODE a hostname or ID from `docker node ls`, URL as for --host; repeatable [default: a docker context named like the node, else --host when it is that node]')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--stop', '--stop', [CompletionResultType]::ParameterName, 'Stop the app that uses the data for the copy, and start it again after')
            [CompletionResult]::new('--live', '--live', [CompletionResultType]::ParameterName, 'Copy the data while it is in use (fine for plain files, not for a running database)')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;binds;import' {
            [CompletionResult]::new('--node', '--node', [CompletionResultType]::ParameterName, 'The node whose directory it is [default: the one alacrity''s records and apps say; on a one-node swarm, that node]')
            [CompletionResult]::new('--node-host', '--node-host', [CompletionResultType]::ParameterName, 'How to reach a node''s engine: NODE=URL, NODE a hostname or ID from `docker node ls`, URL as for --host; repeatable [default: a docker context named like the node, else --host when it is that node]')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;binds;help' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List host directories that apps bind-mounted')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove recorded host directories that no app uses (asks first)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a host directory''s content to a tar archive (gzip or zstd by the file''s extension)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Restore a tar archive into an existing, empty host directory of a node')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alacrity;binds;help;ls' {
            break
        }
        'alacrity;binds;help;rm' {
            break
        }
        'alacrity;binds;help;export' {
            break
        }
        'alacrity;binds;help;import' {
            break
        }
        'alacrity;binds;help;help' {
            break
        }
        'alacrity;lock' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show who holds the lock, and since when')
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Remove the lock, whoever holds it (when its holder is gone; asks first)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alacrity;lock;status' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;lock;release' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;lock;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show who holds the lock, and since when')
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Remove the lock, whoever holds it (when its holder is gone; asks first)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alacrity;lock;help;status' {
            break
        }
        'alacrity;lock;help;release' {
            break
        }
        'alacrity;lock;help;help' {
            break
        }
        'alacrity;completions' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;man' {
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI''s current context, else the local socket]')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI''s current context]')
            [CompletionResult]::new('--tlscacert', '--tlscacert', [CompletionResultType]::ParameterName, 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]')
            [CompletionResult]::new('--tlscert', '--tlscert', [CompletionResultType]::ParameterName, 'The client''s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]')
            [CompletionResult]::new('--tlskey', '--tlskey', [CompletionResultType]::ParameterName, 'The client''s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results')
            [CompletionResult]::new('--lock-timeout', '--lock-timeout', [CompletionResultType]::ParameterName, 'How long a command that writes waits for another alacrity command''s swarm-wide lock')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colors [never with NO_COLOR set]')
            [CompletionResult]::new('--tlsverify', '--tlsverify', [CompletionResultType]::ParameterName, 'Use TLS and verify the engine''s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to every confirmation prompt (needed without a terminal)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail (every engine API call with -vv)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'alacrity;help' {
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check app specs against the persistence rules, without touching the engine')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what `deploy` would do, app by app, without changing anything')
            [CompletionResult]::new('deploy', 'deploy', [CompletionResultType]::ParameterValue, 'Create or update the apps of the given specs as swarm services')
            [CompletionResult]::new('apps', 'apps', [CompletionResultType]::ParameterValue, 'List deployed apps, show their tasks and logs, scale and remove them')
            [CompletionResult]::new('volumes', 'volumes', [CompletionResultType]::ParameterValue, 'List and remove managed volumes (alacran--*), kept after their app is removed')
            [CompletionResult]::new('binds', 'binds', [CompletionResultType]::ParameterValue, 'List and remove host directories that apps bind-mounted, kept after their app is removed')
            [CompletionResult]::new('lock', 'lock', [CompletionResultType]::ParameterValue, 'Show or release the swarm-wide lock that commands which write take')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'alacrity;help;validate' {
            break
        }
        'alacrity;help;plan' {
            break
        }
        'alacrity;help;deploy' {
            break
        }
        'alacrity;help;apps' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List deployed apps')
            [CompletionResult]::new('ps', 'ps', [CompletionResultType]::ParameterValue, 'Show the tasks of apps: where each instance runs or ran, its state, health and error')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'Show the logs of every task of an app, on every node')
            [CompletionResult]::new('scale', 'scale', [CompletionResultType]::ParameterValue, 'Set the number of instances of an app')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove apps; their volumes and host directories are kept')
            [CompletionResult]::new('rollback', 'rollback', [CompletionResultType]::ParameterValue, 'Return an app to the spec it ran before its last deploy, and wait until it runs')
            break
        }
        'alacrity;help;apps;ls' {
            break
        }
        'alacrity;help;apps;ps' {
            break
        }
        'alacrity;help;apps;logs' {
            break
        }
        'alacrity;help;apps;scale' {
            break
        }
        'alacrity;help;apps;rm' {
            break
        }
        'alacrity;help;apps;rollback' {
            break
        }
        'alacrity;help;volumes' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List managed volumes (alacran--*)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove managed volumes that no app uses (asks first)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a managed volume''s content to a tar archive (gzip or zstd by the file''s extension)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Restore a tar archive, or copy another Docker volume, into a new or empty managed volume')
            break
        }
        'alacrity;help;volumes;ls' {
            break
        }
        'alacrity;help;volumes;rm' {
            break
        }
        'alacrity;help;volumes;export' {
            break
        }
        'alacrity;help;volumes;import' {
            break
        }
        'alacrity;help;binds' {
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List host directories that apps bind-mounted')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove recorded host directories that no app uses (asks first)')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a host directory''s content to a tar archive (gzip or zstd by the file''s extension)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Restore a tar archive into an existing, empty host directory of a node')
            break
        }
        'alacrity;help;binds;ls' {
            break
        }
        'alacrity;help;binds;rm' {
            break
        }
        'alacrity;help;binds;export' {
            break
        }
        'alacrity;help;binds;import' {
            break
        }
        'alacrity;help;lock' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show who holds the lock, and since when')
            [CompletionResult]::new('release', 'release', [CompletionResultType]::ParameterValue, 'Remove the lock, whoever holds it (when its holder is gone; asks first)')
            break
        }
        'alacrity;help;lock;status' {
            break
        }
        'alacrity;help;lock;release' {
            break
        }
        'alacrity;help;completions' {
            break
        }
        'alacrity;help;man' {
            break
        }
        'alacrity;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
