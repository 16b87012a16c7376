# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_alacrity_global_optspecs
    string join \n V/version H/host= c/context= tlsverify tlscacert= tlscert= tlskey= o/output= y/yes q/quiet v/verbose lock-timeout= color= h/help
end

function __fish_alacrity_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_alacrity_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_alacrity_using_subcommand
    set -l cmd (__fish_alacrity_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c alacrity -n "__fish_alacrity_needs_command" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_needs_command" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_needs_command" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_needs_command" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_needs_command" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_needs_command" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_needs_command" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_needs_command" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_needs_command" -s V -l version -d 'Print the version, the git commit and the oldest Engine API supported (as data with --output json)'
complete -c alacrity -n "__fish_alacrity_needs_command" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_needs_command" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_needs_command" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_needs_command" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c alacrity -n "__fish_alacrity_needs_command" -f -a "validate" -d 'Check app specs against the persistence rules, without touching the engine'
complete -c alacrity -n "__fish_alacrity_needs_command" -f -a "plan" -d 'Show what `deploy` would do, app by app, without changing anything'
complete -c alacrity -n "__fish_alacrity_needs_command" -f -a "deploy" -d 'Create or update the apps of the given specs as swarm services'
complete -c alacrity -n "__fish_alacrity_needs_command" -f -a "apps" -d 'List deployed apps, show their tasks and logs, scale and remove them'
complete -c alacrity -n "__fish_alacrity_needs_command" -f -a "volumes" -d 'List and remove managed volumes (alacran--*), kept after their app is removed'
complete -c alacrity -n "__fish_alacrity_needs_command" -f -a "binds" -d 'List and remove host directories that apps bind-mounted, kept after their app is removed'
complete -c alacrity -n "__fish_alacrity_needs_command" -f -a "lock" -d 'Show or release the swarm-wide lock that commands which write take'
complete -c alacrity -n "__fish_alacrity_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c alacrity -n "__fish_alacrity_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c alacrity -n "__fish_alacrity_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alacrity -n "__fish_alacrity_using_subcommand validate" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand validate" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand validate" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand validate" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand validate" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand validate" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand validate" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand validate" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand validate" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand validate" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand validate" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand validate" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand validate" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -l app -d 'Only these apps (repeatable)' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -l resolve-image -d 'When to resolve image tags to digests, so that every node runs the same image: always (a new push to a tag is an update), changed (only new or changed images), never' -r -f -a "always\t''
changed\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -l registry-auth -d 'Send the registry credentials of the docker CLI with each service, so that every node can pull (the default)'
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -l no-registry-auth -d 'Do not send registry credentials with the services (the nodes must be logged in)'
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand plan" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -l app -d 'Only these apps (repeatable)' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -l timeout -d 'How long to wait for the apps to converge (e.g. 90s, 5m)' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -l monitor -d 'How long new containers must stay up before an app counts as running (e.g. 2s, 10s; 0: as soon as they run)' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -l resolve-image -d 'When to resolve image tags to digests, so that every node runs the same image: always (a new push to a tag is an update), changed (only new or changed images), never' -r -f -a "always\t''
changed\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -s d -l detach -d 'Return as soon as the services are created or updated, without waiting for them to run'
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -l move-node -d 'Allow pinning a persistent app to a different node than before (its data stays behind)'
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -l no-rollback -d 'Leave a failed update as it failed, for debugging, instead of rolling the app back to its previous version'
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -l prune -d 'Also remove the deployed apps of the specs\' projects that the specs no longer declare, as `apps rm` does (their data is kept); asks first'
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -l registry-auth -d 'Send the registry credentials of the docker CLI with each service, so that every node can pull (the default)'
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -l no-registry-auth -d 'Do not send registry credentials with the services (the nodes must be logged in)'
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand deploy" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -f -a "ls" -d 'List deployed apps'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -f -a "ps" -d 'Show the tasks of apps: where each instance runs or ran, its state, health and error'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -f -a "logs" -d 'Show the logs of every task of an app, on every node'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -f -a "scale" -d 'Set the number of instances of an app'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -f -a "rm" -d 'Remove apps; their volumes and host directories are kept'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -f -a "rollback" -d 'Return an app to the spec it ran before its last deploy, and wait until it runs'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and not __fish_seen_subcommand_from ls ps logs scale rm rollback help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ls" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ls" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ls" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ls" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ls" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ls" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ls" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ls" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ls" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ls" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ps" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ps" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ps" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ps" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ps" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ps" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ps" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ps" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ps" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ps" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ps" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -l since -d 'Only lines written since then: a duration back from now (e.g. 10m, 1h30m) or a UTC time (e.g. 2024-05-01T12:00:00Z)' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -s n -l tail -d 'Only the last N lines of each task' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep printing new lines as they are written (Ctrl-C ends)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Show when each line was written'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from scale" -l monitor -d 'How long new containers must stay up before an app counts as running (e.g. 2s, 10s; 0: as soon as they run)' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from scale" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from scale" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from scale" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from scale" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from scale" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from scale" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from scale" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from scale" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from scale" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from scale" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from scale" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from scale" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from scale" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rm" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rm" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rm" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rm" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rm" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rm" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rm" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rm" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rm" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rm" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rollback" -l timeout -d 'How long to wait for the app to run its previous version (e.g. 90s, 5m)' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rollback" -l monitor -d 'How long returned containers must stay up before the app counts as running (e.g. 2s; 0: as soon as they run)' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rollback" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rollback" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rollback" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rollback" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rollback" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rollback" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rollback" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rollback" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rollback" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rollback" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rollback" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rollback" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from rollback" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List deployed apps'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "ps" -d 'Show the tasks of apps: where each instance runs or ran, its state, health and error'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Show the logs of every task of an app, on every node'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "scale" -d 'Set the number of instances of an app'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove apps; their volumes and host directories are kept'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "rollback" -d 'Return an app to the spec it ran before its last deploy, and wait until it runs'
complete -c alacrity -n "__fish_alacrity_using_subcommand apps; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -f -a "ls" -d 'List managed volumes (alacran--*)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -f -a "rm" -d 'Remove managed volumes that no app uses (asks first)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -f -a "export" -d 'Write a managed volume\'s content to a tar archive (gzip or zstd by the file\'s extension)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -f -a "import" -d 'Restore a tar archive, or copy another Docker volume, into a new or empty managed volume'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and not __fish_seen_subcommand_from ls rm export import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -l manager -d 'A swarm manager\'s engine, needed when --host is a worker node\'s engine' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -l retained -d 'Only volumes no app uses any more'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -l size -d 'Show the size of each volume of the node alacrity talks to (slower)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from rm" -l manager -d 'A swarm manager\'s engine, needed when --host is a worker node\'s engine' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from rm" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from rm" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from rm" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from rm" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from rm" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from rm" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from rm" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from rm" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from rm" -l forget -d 'Drop the record only and keep the volume (e.g. a record of a node that left the swarm)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from rm" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from rm" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -l node -d 'The node that holds the volume [default: the one alacrity\'s records and apps say]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -l node-host -d 'How to reach a node\'s engine: NODE=URL, NODE a hostname or ID from `docker node ls`, URL as for --host; repeatable [default: a docker context named like the node, else --host when it is that node]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -l stop -d 'Stop the app that uses the data for the copy, and start it again after'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -l live -d 'Copy the data while it is in use (fine for plain files, not for a running database)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -l from-volume -d 'Copy this existing Docker volume of the same node instead (e.g. a compose or CapRover volume); it is left untouched' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -l node -d 'The node of the volume [default: the one alacrity\'s records and apps say; on a one-node swarm, that node]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -l node-host -d 'How to reach a node\'s engine: NODE=URL, NODE a hostname or ID from `docker node ls`, URL as for --host; repeatable [default: a docker context named like the node, else --host when it is that node]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -l live -d 'With --from-volume: copy it even while something uses it (fine for plain files, not for a running database)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -l replace -d 'Delete what the volume holds and import in its place (asks first; never while in use)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List managed volumes (alacran--*)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove managed volumes that no app uses (asks first)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write a managed volume\'s content to a tar archive (gzip or zstd by the file\'s extension)'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from help" -f -a "import" -d 'Restore a tar archive, or copy another Docker volume, into a new or empty managed volume'
complete -c alacrity -n "__fish_alacrity_using_subcommand volumes; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -f -a "ls" -d 'List host directories that apps bind-mounted'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -f -a "rm" -d 'Remove recorded host directories that no app uses (asks first)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -f -a "export" -d 'Write a host directory\'s content to a tar archive (gzip or zstd by the file\'s extension)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -f -a "import" -d 'Restore a tar archive into an existing, empty host directory of a node'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and not __fish_seen_subcommand_from ls rm export import help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -l manager -d 'A swarm manager\'s engine, needed when --host is a worker node\'s engine' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -l retained -d 'Only directories no app uses any more'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -l size -d 'Show the size of each directory of this machine\'s node (slower: walks the directories)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from rm" -l manager -d 'A swarm manager\'s engine, needed when --host is a worker node\'s engine' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from rm" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from rm" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from rm" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from rm" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from rm" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from rm" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from rm" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from rm" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from rm" -l forget -d 'Drop the record only and keep the directory on disk'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from rm" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from rm" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from rm" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -l node -d 'The node whose directory it is [default: the one alacrity\'s records and apps say]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -l node-host -d 'How to reach a node\'s engine: NODE=URL, NODE a hostname or ID from `docker node ls`, URL as for --host; repeatable [default: a docker context named like the node, else --host when it is that node]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -l stop -d 'Stop the app that uses the data for the copy, and start it again after'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -l live -d 'Copy the data while it is in use (fine for plain files, not for a running database)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from import" -l node -d 'The node whose directory it is [default: the one alacrity\'s records and apps say; on a one-node swarm, that node]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from import" -l node-host -d 'How to reach a node\'s engine: NODE=URL, NODE a hostname or ID from `docker node ls`, URL as for --host; repeatable [default: a docker context named like the node, else --host when it is that node]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from import" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from import" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from import" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from import" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from import" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from import" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from import" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from import" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from import" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from import" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List host directories that apps bind-mounted'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove recorded host directories that no app uses (asks first)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write a host directory\'s content to a tar archive (gzip or zstd by the file\'s extension)'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from help" -f -a "import" -d 'Restore a tar archive into an existing, empty host directory of a node'
complete -c alacrity -n "__fish_alacrity_using_subcommand binds; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -f -a "status" -d 'Show who holds the lock, and since when'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -f -a "release" -d 'Remove the lock, whoever holds it (when its holder is gone; asks first)'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and not __fish_seen_subcommand_from status release help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from status" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from status" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from status" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from status" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from status" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from status" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from status" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from status" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from status" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from status" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from release" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from release" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from release" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from release" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from release" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from release" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from release" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from release" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from release" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from release" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from release" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from release" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from release" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show who holds the lock, and since when'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from help" -f -a "release" -d 'Remove the lock, whoever holds it (when its holder is gone; asks first)'
complete -c alacrity -n "__fish_alacrity_using_subcommand lock; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alacrity -n "__fish_alacrity_using_subcommand completions" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand completions" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand completions" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand completions" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand completions" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand completions" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand completions" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand completions" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand completions" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand completions" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand completions" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand completions" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand completions" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand man" -s H -l host -d 'The Docker engine to talk to: unix://PATH, tcp://HOST:PORT or ssh://[USER@]HOST[:PORT] [default: --context, else $DOCKER_HOST, else $DOCKER_CONTEXT, else the docker CLI\'s current context, else the local socket]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand man" -s c -l context -d 'The docker context whose engine to talk to (`docker context ls` lists them) [default: $DOCKER_CONTEXT, else the docker CLI\'s current context]' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand man" -l tlscacert -d 'Trust only certificates signed by this CA [default: $DOCKER_CERT_PATH/ca.pem, else ~/.docker/ca.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand man" -l tlscert -d 'The client\'s TLS certificate [default: $DOCKER_CERT_PATH/cert.pem, else ~/.docker/cert.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand man" -l tlskey -d 'The client\'s TLS key [default: $DOCKER_CERT_PATH/key.pem, else ~/.docker/key.pem]' -r -F
complete -c alacrity -n "__fish_alacrity_using_subcommand man" -s o -l output -d 'How to print results' -r -f -a "table\t''
json\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand man" -l lock-timeout -d 'How long a command that writes waits for another alacrity command\'s swarm-wide lock' -r
complete -c alacrity -n "__fish_alacrity_using_subcommand man" -l color -d 'When to use colors [never with NO_COLOR set]' -r -f -a "auto\t''
always\t''
never\t''"
complete -c alacrity -n "__fish_alacrity_using_subcommand man" -l tlsverify -d 'Use TLS and verify the engine\'s certificate (tcp:// engines) [implied by $DOCKER_TLS_VERIFY and by --tlscacert, --tlscert, --tlskey]'
complete -c alacrity -n "__fish_alacrity_using_subcommand man" -s y -l yes -d 'Answer yes to every confirmation prompt (needed without a terminal)'
complete -c alacrity -n "__fish_alacrity_using_subcommand man" -s q -l quiet -d 'Print only data and errors'
complete -c alacrity -n "__fish_alacrity_using_subcommand man" -s v -l verbose -d 'Print more detail (every engine API call with -vv)'
complete -c alacrity -n "__fish_alacrity_using_subcommand man" -s h -l help -d 'Print help'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and not __fish_seen_subcommand_from validate plan deploy apps volumes binds lock completions man help" -f -a "validate" -d 'Check app specs against the persistence rules, without touching the engine'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and not __fish_seen_subcommand_from validate plan deploy apps volumes binds lock completions man help" -f -a "plan" -d 'Show what `deploy` would do, app by app, without changing anything'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and not __fish_seen_subcommand_from validate plan deploy apps volumes binds lock completions man help" -f -a "deploy" -d 'Create or update the apps of the given specs as swarm services'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and not __fish_seen_subcommand_from validate plan deploy apps volumes binds lock completions man help" -f -a "apps" -d 'List deployed apps, show their tasks and logs, scale and remove them'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and not __fish_seen_subcommand_from validate plan deploy apps volumes binds lock completions man help" -f -a "volumes" -d 'List and remove managed volumes (alacran--*), kept after their app is removed'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and not __fish_seen_subcommand_from validate plan deploy apps volumes binds lock completions man help" -f -a "binds" -d 'List and remove host directories that apps bind-mounted, kept after their app is removed'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and not __fish_seen_subcommand_from validate plan deploy apps volumes binds lock completions man help" -f -a "lock" -d 'Show or release the swarm-wide lock that commands which write take'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and not __fish_seen_subcommand_from validate plan deploy apps volumes binds lock completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and not __fish_seen_subcommand_from validate plan deploy apps volumes binds lock completions man help" -f -a "man" -d 'Print the man page (roff)'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and not __fish_seen_subcommand_from validate plan deploy apps volumes binds lock completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "ls" -d 'List deployed apps'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "ps" -d 'Show the tasks of apps: where each instance runs or ran, its state, health and error'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "logs" -d 'Show the logs of every task of an app, on every node'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "scale" -d 'Set the number of instances of an app'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "rm" -d 'Remove apps; their volumes and host directories are kept'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from apps" -f -a "rollback" -d 'Return an app to the spec it ran before its last deploy, and wait until it runs'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from volumes" -f -a "ls" -d 'List managed volumes (alacran--*)'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from volumes" -f -a "rm" -d 'Remove managed volumes that no app uses (asks first)'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from volumes" -f -a "export" -d 'Write a managed volume\'s content to a tar archive (gzip or zstd by the file\'s extension)'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from volumes" -f -a "import" -d 'Restore a tar archive, or copy another Docker volume, into a new or empty managed volume'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from binds" -f -a "ls" -d 'List host directories that apps bind-mounted'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from binds" -f -a "rm" -d 'Remove recorded host directories that no app uses (asks first)'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from binds" -f -a "export" -d 'Write a host directory\'s content to a tar archive (gzip or zstd by the file\'s extension)'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from binds" -f -a "import" -d 'Restore a tar archive into an existing, empty host directory of a node'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from lock" -f -a "status" -d 'Show who holds the lock, and since when'
complete -c alacrity -n "__fish_alacrity_using_subcommand help; and __fish_seen_subcommand_from lock" -f -a "release" -d 'Remove the lock, whoever holds it (when its holder is gone; asks first)'
