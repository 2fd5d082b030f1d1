_ctl() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="ctl"
                ;;
            ctl,__complete)
                cmd="ctl__subcmd____complete"
                ;;
            ctl,__generate-docs)
                cmd="ctl__subcmd____generate__subcmd__docs"
                ;;
            ctl,attach)
                cmd="ctl__subcmd__attach"
                ;;
            ctl,build)
                cmd="ctl__subcmd__build"
                ;;
            ctl,buildx)
                cmd="ctl__subcmd__buildx"
                ;;
            ctl,commit)
                cmd="ctl__subcmd__commit"
                ;;
            ctl,completion)
                cmd="ctl__subcmd__completion"
                ;;
            ctl,container)
                cmd="ctl__subcmd__container"
                ;;
            ctl,cp)
                cmd="ctl__subcmd__cp"
                ;;
            ctl,create)
                cmd="ctl__subcmd__create"
                ;;
            ctl,diff)
                cmd="ctl__subcmd__diff"
                ;;
            ctl,events)
                cmd="ctl__subcmd__events"
                ;;
            ctl,exec)
                cmd="ctl__subcmd__exec"
                ;;
            ctl,export)
                cmd="ctl__subcmd__export"
                ;;
            ctl,generate)
                cmd="ctl__subcmd__generate"
                ;;
            ctl,healthcheck)
                cmd="ctl__subcmd__healthcheck"
                ;;
            ctl,history)
                cmd="ctl__subcmd__history"
                ;;
            ctl,image)
                cmd="ctl__subcmd__image"
                ;;
            ctl,images)
                cmd="ctl__subcmd__images"
                ;;
            ctl,import)
                cmd="ctl__subcmd__import"
                ;;
            ctl,info)
                cmd="ctl__subcmd__info"
                ;;
            ctl,init)
                cmd="ctl__subcmd__init"
                ;;
            ctl,inspect)
                cmd="ctl__subcmd__inspect"
                ;;
            ctl,kill)
                cmd="ctl__subcmd__kill"
                ;;
            ctl,kube)
                cmd="ctl__subcmd__kube"
                ;;
            ctl,list)
                cmd="ctl__subcmd__ps"
                ;;
            ctl,load)
                cmd="ctl__subcmd__load"
                ;;
            ctl,login)
                cmd="ctl__subcmd__login"
                ;;
            ctl,logout)
                cmd="ctl__subcmd__logout"
                ;;
            ctl,logs)
                cmd="ctl__subcmd__logs"
                ;;
            ctl,mount)
                cmd="ctl__subcmd__mount"
                ;;
            ctl,network)
                cmd="ctl__subcmd__network"
                ;;
            ctl,pause)
                cmd="ctl__subcmd__pause"
                ;;
            ctl,play)
                cmd="ctl__subcmd__play"
                ;;
            ctl,pod)
                cmd="ctl__subcmd__pod"
                ;;
            ctl,port)
                cmd="ctl__subcmd__port"
                ;;
            ctl,ps)
                cmd="ctl__subcmd__ps"
                ;;
            ctl,pull)
                cmd="ctl__subcmd__pull"
                ;;
            ctl,push)
                cmd="ctl__subcmd__push"
                ;;
            ctl,rename)
                cmd="ctl__subcmd__rename"
                ;;
            ctl,restart)
                cmd="ctl__subcmd__restart"
                ;;
            ctl,rm)
                cmd="ctl__subcmd__rm"
                ;;
            ctl,rmi)
                cmd="ctl__subcmd__rmi"
                ;;
            ctl,run)
                cmd="ctl__subcmd__run"
                ;;
            ctl,save)
                cmd="ctl__subcmd__save"
                ;;
            ctl,secret)
                cmd="ctl__subcmd__secret"
                ;;
            ctl,start)
                cmd="ctl__subcmd__start"
                ;;
            ctl,stats)
                cmd="ctl__subcmd__stats"
                ;;
            ctl,stop)
                cmd="ctl__subcmd__stop"
                ;;
            ctl,system)
                cmd="ctl__subcmd__system"
                ;;
            ctl,tag)
                cmd="ctl__subcmd__tag"
                ;;
            ctl,top)
                cmd="ctl__subcmd__top"
                ;;
            ctl,umount)
                cmd="ctl__subcmd__unmount"
                ;;
            ctl,unmount)
                cmd="ctl__subcmd__unmount"
                ;;
            ctl,unpause)
                cmd="ctl__subcmd__unpause"
                ;;
            ctl,unshare)
                cmd="ctl__subcmd__unshare"
                ;;
            ctl,untag)
                cmd="ctl__subcmd__untag"
                ;;
            ctl,update)
                cmd="ctl__subcmd__update"
                ;;
            ctl,version)
                cmd="ctl__subcmd__version"
                ;;
            ctl,volume)
                cmd="ctl__subcmd__volume"
                ;;
            ctl,wait)
                cmd="ctl__subcmd__wait"
                ;;
            ctl__subcmd__buildx,build)
                cmd="ctl__subcmd__buildx__subcmd__build"
                ;;
            ctl__subcmd__container,attach)
                cmd="ctl__subcmd__container__subcmd__attach"
                ;;
            ctl__subcmd__container,cleanup)
                cmd="ctl__subcmd__container__subcmd__cleanup"
                ;;
            ctl__subcmd__container,commit)
                cmd="ctl__subcmd__container__subcmd__commit"
                ;;
            ctl__subcmd__container,cp)
                cmd="ctl__subcmd__container__subcmd__cp"
                ;;
            ctl__subcmd__container,create)
                cmd="ctl__subcmd__container__subcmd__create"
                ;;
            ctl__subcmd__container,diff)
                cmd="ctl__subcmd__container__subcmd__diff"
                ;;
            ctl__subcmd__container,exec)
                cmd="ctl__subcmd__container__subcmd__exec"
                ;;
            ctl__subcmd__container,exists)
                cmd="ctl__subcmd__container__subcmd__exists"
                ;;
            ctl__subcmd__container,export)
                cmd="ctl__subcmd__container__subcmd__export"
                ;;
            ctl__subcmd__container,init)
                cmd="ctl__subcmd__container__subcmd__init"
                ;;
            ctl__subcmd__container,inspect)
                cmd="ctl__subcmd__container__subcmd__inspect"
                ;;
            ctl__subcmd__container,kill)
                cmd="ctl__subcmd__container__subcmd__kill"
                ;;
            ctl__subcmd__container,logs)
                cmd="ctl__subcmd__container__subcmd__logs"
                ;;
            ctl__subcmd__container,ls)
                cmd="ctl__subcmd__container__subcmd__ls"
                ;;
            ctl__subcmd__container,mount)
                cmd="ctl__subcmd__container__subcmd__mount"
                ;;
            ctl__subcmd__container,pause)
                cmd="ctl__subcmd__container__subcmd__pause"
                ;;
            ctl__subcmd__container,port)
                cmd="ctl__subcmd__container__subcmd__port"
                ;;
            ctl__subcmd__container,prune)
                cmd="ctl__subcmd__container__subcmd__prune"
                ;;
            ctl__subcmd__container,rename)
                cmd="ctl__subcmd__container__subcmd__rename"
                ;;
            ctl__subcmd__container,restart)
                cmd="ctl__subcmd__container__subcmd__restart"
                ;;
            ctl__subcmd__container,rm)
                cmd="ctl__subcmd__container__subcmd__rm"
                ;;
            ctl__subcmd__container,run)
                cmd="ctl__subcmd__container__subcmd__run"
                ;;
            ctl__subcmd__container,start)
                cmd="ctl__subcmd__container__subcmd__start"
                ;;
            ctl__subcmd__container,stats)
                cmd="ctl__subcmd__container__subcmd__stats"
                ;;
            ctl__subcmd__container,stop)
                cmd="ctl__subcmd__container__subcmd__stop"
                ;;
            ctl__subcmd__container,top)
                cmd="ctl__subcmd__container__subcmd__top"
                ;;
            ctl__subcmd__container,umount)
                cmd="ctl__subcmd__container__subcmd__unmount"
                ;;
            ctl__subcmd__container,unmount)
                cmd="ctl__subcmd__container__subcmd__unmount"
                ;;
            ctl__subcmd__container,unpause)
                cmd="ctl__subcmd__container__subcmd__unpause"
                ;;
            ctl__subcmd__container,update)
                cmd="ctl__subcmd__container__subcmd__update"
                ;;
            ctl__subcmd__container,wait)
                cmd="ctl__subcmd__container__subcmd__wait"
                ;;
            ctl__subcmd__generate,kube)
                cmd="ctl__subcmd__generate__subcmd__kube"
                ;;
            ctl__subcmd__generate,systemd)
                cmd="ctl__subcmd__generate__subcmd__systemd"
                ;;
            ctl__subcmd__healthcheck,run)
                cmd="ctl__subcmd__healthcheck__subcmd__run"
                ;;
            ctl__subcmd__image,build)
                cmd="ctl__subcmd__image__subcmd__build"
                ;;
            ctl__subcmd__image,exists)
                cmd="ctl__subcmd__image__subcmd__exists"
                ;;
            ctl__subcmd__image,history)
                cmd="ctl__subcmd__image__subcmd__history"
                ;;
            ctl__subcmd__image,import)
                cmd="ctl__subcmd__image__subcmd__import"
                ;;
            ctl__subcmd__image,inspect)
                cmd="ctl__subcmd__image__subcmd__inspect"
                ;;
            ctl__subcmd__image,load)
                cmd="ctl__subcmd__image__subcmd__load"
                ;;
            ctl__subcmd__image,ls)
                cmd="ctl__subcmd__image__subcmd__ls"
                ;;
            ctl__subcmd__image,prune)
                cmd="ctl__subcmd__image__subcmd__prune"
                ;;
            ctl__subcmd__image,pull)
                cmd="ctl__subcmd__image__subcmd__pull"
                ;;
            ctl__subcmd__image,push)
                cmd="ctl__subcmd__image__subcmd__push"
                ;;
            ctl__subcmd__image,rm)
                cmd="ctl__subcmd__image__subcmd__rm"
                ;;
            ctl__subcmd__image,save)
                cmd="ctl__subcmd__image__subcmd__save"
                ;;
            ctl__subcmd__image,tag)
                cmd="ctl__subcmd__image__subcmd__tag"
                ;;
            ctl__subcmd__image,untag)
                cmd="ctl__subcmd__image__subcmd__untag"
                ;;
            ctl__subcmd__kube,down)
                cmd="ctl__subcmd__kube__subcmd__down"
                ;;
            ctl__subcmd__kube,generate)
                cmd="ctl__subcmd__kube__subcmd__generate"
                ;;
            ctl__subcmd__kube,play)
                cmd="ctl__subcmd__kube__subcmd__play"
                ;;
            ctl__subcmd__network,create)
                cmd="ctl__subcmd__network__subcmd__create"
                ;;
            ctl__subcmd__network,exists)
                cmd="ctl__subcmd__network__subcmd__exists"
                ;;
            ctl__subcmd__network,inspect)
                cmd="ctl__subcmd__network__subcmd__inspect"
                ;;
            ctl__subcmd__network,ls)
                cmd="ctl__subcmd__network__subcmd__ls"
                ;;
            ctl__subcmd__network,prune)
                cmd="ctl__subcmd__network__subcmd__prune"
                ;;
            ctl__subcmd__network,rm)
                cmd="ctl__subcmd__network__subcmd__rm"
                ;;
            ctl__subcmd__play,kube)
                cmd="ctl__subcmd__play__subcmd__kube"
                ;;
            ctl__subcmd__pod,create)
                cmd="ctl__subcmd__pod__subcmd__create"
                ;;
            ctl__subcmd__pod,exists)
                cmd="ctl__subcmd__pod__subcmd__exists"
                ;;
            ctl__subcmd__pod,inspect)
                cmd="ctl__subcmd__pod__subcmd__inspect"
                ;;
            ctl__subcmd__pod,kill)
                cmd="ctl__subcmd__pod__subcmd__kill"
                ;;
            ctl__subcmd__pod,logs)
                cmd="ctl__subcmd__pod__subcmd__logs"
                ;;
            ctl__subcmd__pod,pause)
                cmd="ctl__subcmd__pod__subcmd__pause"
                ;;
            ctl__subcmd__pod,prune)
                cmd="ctl__subcmd__pod__subcmd__prune"
                ;;
            ctl__subcmd__pod,ps)
                cmd="ctl__subcmd__pod__subcmd__ps"
                ;;
            ctl__subcmd__pod,restart)
                cmd="ctl__subcmd__pod__subcmd__restart"
                ;;
            ctl__subcmd__pod,rm)
                cmd="ctl__subcmd__pod__subcmd__rm"
                ;;
            ctl__subcmd__pod,start)
                cmd="ctl__subcmd__pod__subcmd__start"
                ;;
            ctl__subcmd__pod,stats)
                cmd="ctl__subcmd__pod__subcmd__stats"
                ;;
            ctl__subcmd__pod,stop)
                cmd="ctl__subcmd__pod__subcmd__stop"
                ;;
            ctl__subcmd__pod,top)
                cmd="ctl__subcmd__pod__subcmd__top"
                ;;
            ctl__subcmd__pod,unpause)
                cmd="ctl__subcmd__pod__subcmd__unpause"
                ;;
            ctl__subcmd__secret,create)
                cmd="ctl__subcmd__secret__subcmd__create"
                ;;
            ctl__subcmd__secret,exists)
                cmd="ctl__subcmd__secret__subcmd__exists"
                ;;
            ctl__subcmd__secret,inspect)
                cmd="ctl__subcmd__secret__subcmd__inspect"
                ;;
            ctl__subcmd__secret,ls)
                cmd="ctl__subcmd__secret__subcmd__ls"
                ;;
            ctl__subcmd__secret,rm)
                cmd="ctl__subcmd__secret__subcmd__rm"
                ;;
            ctl__subcmd__system,check)
                cmd="ctl__subcmd__system__subcmd__check"
                ;;
            ctl__subcmd__system,df)
                cmd="ctl__subcmd__system__subcmd__df"
                ;;
            ctl__subcmd__system,events)
                cmd="ctl__subcmd__system__subcmd__events"
                ;;
            ctl__subcmd__system,info)
                cmd="ctl__subcmd__system__subcmd__info"
                ;;
            ctl__subcmd__system,migrate)
                cmd="ctl__subcmd__system__subcmd__migrate"
                ;;
            ctl__subcmd__system,prune)
                cmd="ctl__subcmd__system__subcmd__prune"
                ;;
            ctl__subcmd__system,reset)
                cmd="ctl__subcmd__system__subcmd__reset"
                ;;
            ctl__subcmd__volume,create)
                cmd="ctl__subcmd__volume__subcmd__create"
                ;;
            ctl__subcmd__volume,exists)
                cmd="ctl__subcmd__volume__subcmd__exists"
                ;;
            ctl__subcmd__volume,export)
                cmd="ctl__subcmd__volume__subcmd__export"
                ;;
            ctl__subcmd__volume,import)
                cmd="ctl__subcmd__volume__subcmd__import"
                ;;
            ctl__subcmd__volume,inspect)
                cmd="ctl__subcmd__volume__subcmd__inspect"
                ;;
            ctl__subcmd__volume,ls)
                cmd="ctl__subcmd__volume__subcmd__ls"
                ;;
            ctl__subcmd__volume,mount)
                cmd="ctl__subcmd__volume__subcmd__mount"
                ;;
            ctl__subcmd__volume,prune)
                cmd="ctl__subcmd__volume__subcmd__prune"
                ;;
            ctl__subcmd__volume,rm)
                cmd="ctl__subcmd__volume__subcmd__rm"
                ;;
            ctl__subcmd__volume,unmount)
                cmd="ctl__subcmd__volume__subcmd__unmount"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        ctl)
            opts="-v -h --version --out --noout --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help run create start stop restart kill pause unpause init update exec attach rm wait logs ps list port rename stats top events export commit diff mount unmount umount cp network volume secret pod kube play container pull build buildx push images image inspect tag untag rmi load save history import login logout generate healthcheck info system unshare version completion __complete __generate-docs"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --out)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd____complete)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help containers running images signals networks"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd____generate__subcmd__docs)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__attach)
            opts="-l -h --detach-keys --no-stdin --sig-proxy --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --detach-keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sig-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__build)
            opts="-f -q -t -D -o -c -m -v -h --annotation --build-arg --build-arg-file --file --force-rm --format --iidfile --label --layers --network --no-cache --platform --pull --quiet --rm --squash --tag --target --arch --authfile --cache-ttl --compress --created-annotation --creds --disable-compression --env --from --identity-label --ignorefile --inherit-annotations --inherit-labels --isolation --jobs --logfile --omit-history --os --output --skip-unused-stages --source-date-epoch --squash-all --timestamp --tls-verify --unsetannotation --unsetenv --unsetlabel --variant --add-host --cap-add --cap-drop --cgroupns --cpu-period --cpu-quota --cpu-shares --cpuset-cpus --cpuset-mems --device --dns --dns-option --dns-search --group-add --http-proxy --ipc --memory --memory-swap --no-hostname --no-hosts --pid --security-opt --shm-size --ulimit --userns --uts --volume --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --build-arg)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --build-arg-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --force-rm)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --iidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --layers)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pull)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rm)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --target)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --arch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cache-ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --created-annotation)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --disable-compression)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                -D)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity-label)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --ignorefile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --inherit-annotations)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --inherit-labels)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --isolation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jobs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --logfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --omit-history)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --os)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --skip-unused-stages)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --source-date-epoch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timestamp)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --unsetannotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetlabel)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --variant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --add-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-drop)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroupns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-option)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-search)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --ipc)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --security-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shm-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --userns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -v)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__buildx)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help build"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__buildx__subcmd__build)
            opts="-f -q -t -D -o -c -m -v -h --annotation --build-arg --build-arg-file --file --force-rm --format --iidfile --label --layers --network --no-cache --platform --pull --quiet --rm --squash --tag --target --arch --authfile --cache-ttl --compress --created-annotation --creds --disable-compression --env --from --identity-label --ignorefile --inherit-annotations --inherit-labels --isolation --jobs --logfile --omit-history --os --output --skip-unused-stages --source-date-epoch --squash-all --timestamp --tls-verify --unsetannotation --unsetenv --unsetlabel --variant --add-host --cap-add --cap-drop --cgroupns --cpu-period --cpu-quota --cpu-shares --cpuset-cpus --cpuset-mems --device --dns --dns-option --dns-search --group-add --http-proxy --ipc --memory --memory-swap --no-hostname --no-hosts --pid --security-opt --shm-size --ulimit --userns --uts --volume --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --build-arg)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --build-arg-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --force-rm)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --iidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --layers)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pull)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rm)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --target)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --arch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cache-ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --created-annotation)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --disable-compression)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                -D)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity-label)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --ignorefile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --inherit-annotations)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --inherit-labels)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --isolation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jobs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --logfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --omit-history)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --os)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --skip-unused-stages)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --source-date-epoch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timestamp)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --unsetannotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetlabel)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --variant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --add-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-drop)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroupns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-option)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-search)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --ipc)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --security-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shm-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --userns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -v)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__commit)
            opts="-a -c -f -m -p -q -s -h --author --change --format --iidfile --include-volumes --message --pause --quiet --squash --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --author)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --change)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --iidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --message)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__completion)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help bash zsh fish"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help run create start stop restart kill pause unpause init update exec attach rm wait logs ls inspect port rename stats top cp prune exists export commit diff mount unmount umount cleanup"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__attach)
            opts="-l -h --detach-keys --no-stdin --sig-proxy --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --detach-keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sig-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__cleanup)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__commit)
            opts="-a -c -f -m -p -q -s -h --author --change --format --iidfile --include-volumes --message --pause --quiet --squash --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --author)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --change)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --iidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --message)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__cp)
            opts="-a -h --archive --overwrite --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --archive)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__create)
            opts="-e -v -w -u -h -l -m -c -p -P -a -q -t -i --name --env --env-file --volume --mount --tmpfs --volumes-from --workdir --user --entrypoint --hostname --label --replace --cidfile --pod --pod-id-file --stop-signal --stop-timeout --read-only --read-only-tmpfs --memory --memory-swap --memory-reservation --memory-swappiness --cpus --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime --cpu-shares --cpuset-cpus --cpuset-mems --pids-limit --blkio-weight --blkio-weight-device --device-read-bps --device-read-iops --device-write-bps --device-write-iops --oom-kill-disable --ulimit --cap-add --cap-drop --privileged --security-opt --group-add --init --init-path --net --network --publish --publish-all --ip --network-alias --dns --dns-search --dns-option --add-host --no-hosts --no-hostname --shm-size --sysctl --tz --umask --env-host --env-merge --unsetenv --unsetenv-all --http-proxy --label-file --annotation --secret --expose --oom-score-adj --ipc --pid --uts --cgroupns --userns --uidmap --gidmap --device --device-cgroup-rule --cgroups --pidfile --conmon-pidfile --attach --quiet --platform --systemd --timeout --pull --tty --interactive --log-driver --log-opt --rm --restart --health-cmd --health-interval --health-on-failure --health-retries --health-start-period --health-timeout --health-log-destination --health-max-log-count --health-max-log-size --health-startup-cmd --health-startup-interval --health-startup-retries --health-startup-success --health-startup-timeout --no-healthcheck --hosts-file --image-volume --personality --cgroup-conf --cgroup-parent --requires --tls-verify --sdnotify --help --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -v)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mount)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpfs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumes-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --entrypoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hostname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -h)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-signal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --read-only-tmpfs)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-reservation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swappiness)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pids-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight-device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-drop)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --security-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init-path)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --net)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network-alias)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-search)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-option)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --add-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shm-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sysctl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tz)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --umask)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-merge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --label-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expose)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oom-score-adj)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ipc)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroupns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --userns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-cgroup-rule)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroups)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --conmon-pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --attach)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --systemd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pull)
                    COMPREPLY=($(compgen -W "missing always never newer" -- "${cur}"))
                    return 0
                    ;;
                --log-driver)
                    COMPREPLY=($(compgen -W "k8s-file none journald passthrough" -- "${cur}"))
                    return 0
                    ;;
                --log-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-on-failure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-log-destination)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-success)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hosts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --personality)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-conf)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-parent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --requires)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --sdnotify)
                    COMPREPLY=($(compgen -W "container conmon ignore" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__diff)
            opts="-l -h --format --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__exec)
            opts="-d -i -t -e -u -w -l -h --detach --interactive --tty --env --env-file --privileged --user --workdir --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__exists)
            opts="-h --external --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__export)
            opts="-o -h --output --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__init)
            opts="-a -l -h --all --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__inspect)
            opts="-f -l -h --format --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__kill)
            opts="-s -a -l -h --signal --all --cidfile --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --signal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -s)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__logs)
            opts="-f -t -n -l -h --follow --since --until --tail --timestamps --names --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tail)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__ls)
            opts="-a -q -n -l -f -s -p -w -h --all --quiet --no-trunc --last --latest --filter --format --noheading --sort --size --external --ns --namespace --pod --watch --sync --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --last)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sort)
                    COMPREPLY=($(compgen -W "command created id image names runningfor size status" -- "${cur}"))
                    return 0
                    ;;
                --watch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__mount)
            opts="-a -l -h --all --format --latest --no-trunc --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__pause)
            opts="-a -f -l -h --all --cidfile --filter --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__port)
            opts="-a -l -h --all --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__prune)
            opts="-f -h --force --filter --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__rename)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__restart)
            opts="-t -f -a -l -h --time --running --filter --all --cidfile --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__rm)
            opts="-f -t -v -i -a -l -h --force --time --volumes --depend --filter --ignore --all --cidfile --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__run)
            opts="-d -e -v -w -u -h -l -m -c -p -P -a -q -t -i --detach --detach-keys --preserve-fds --rmi --sig-proxy --name --env --env-file --volume --mount --tmpfs --volumes-from --workdir --user --entrypoint --hostname --label --replace --cidfile --pod --pod-id-file --stop-signal --stop-timeout --read-only --read-only-tmpfs --memory --memory-swap --memory-reservation --memory-swappiness --cpus --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime --cpu-shares --cpuset-cpus --cpuset-mems --pids-limit --blkio-weight --blkio-weight-device --device-read-bps --device-read-iops --device-write-bps --device-write-iops --oom-kill-disable --ulimit --cap-add --cap-drop --privileged --security-opt --group-add --init --init-path --net --network --publish --publish-all --ip --network-alias --dns --dns-search --dns-option --add-host --no-hosts --no-hostname --shm-size --sysctl --tz --umask --env-host --env-merge --unsetenv --unsetenv-all --http-proxy --label-file --annotation --secret --expose --oom-score-adj --ipc --pid --uts --cgroupns --userns --uidmap --gidmap --device --device-cgroup-rule --cgroups --pidfile --conmon-pidfile --attach --quiet --platform --systemd --timeout --pull --tty --interactive --log-driver --log-opt --rm --restart --health-cmd --health-interval --health-on-failure --health-retries --health-start-period --health-timeout --health-log-destination --health-max-log-count --health-max-log-size --health-startup-cmd --health-startup-interval --health-startup-retries --health-startup-success --health-startup-timeout --no-healthcheck --hosts-file --image-volume --personality --cgroup-conf --cgroup-parent --requires --tls-verify --sdnotify --help --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --detach-keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --preserve-fds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sig-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -v)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mount)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpfs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumes-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --entrypoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hostname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -h)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-signal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --read-only-tmpfs)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-reservation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swappiness)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pids-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight-device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-drop)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --security-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init-path)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --net)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network-alias)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-search)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-option)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --add-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shm-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sysctl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tz)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --umask)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-merge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --label-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expose)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oom-score-adj)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ipc)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroupns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --userns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-cgroup-rule)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroups)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --conmon-pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --attach)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --systemd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pull)
                    COMPREPLY=($(compgen -W "missing always never newer" -- "${cur}"))
                    return 0
                    ;;
                --log-driver)
                    COMPREPLY=($(compgen -W "k8s-file none journald passthrough" -- "${cur}"))
                    return 0
                    ;;
                --log-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-on-failure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-log-destination)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-success)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hosts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --personality)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-conf)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-parent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --requires)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --sdnotify)
                    COMPREPLY=($(compgen -W "container conmon ignore" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__start)
            opts="-a -l -f -i -h --attach --all --latest --filter --interactive --detach-keys --sig-proxy --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --detach-keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sig-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__stats)
            opts="-a -i -l -h --all --format --interval --latest --no-reset --no-stream --no-trunc --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__stop)
            opts="-t -f -i -a -l -h --timeout --time --filter --ignore --all --cidfile --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__top)
            opts="-l -h --latest --list-descriptors --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__unmount)
            opts="-a -f -l -h --all --force --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__unpause)
            opts="-a -f -l -h --all --cidfile --filter --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__update)
            opts="-m -c -e -l -h --memory --memory-swap --memory-reservation --memory-swappiness --cpus --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime --cpu-shares --cpuset-cpus --cpuset-mems --pids-limit --blkio-weight --blkio-weight-device --device-read-bps --device-read-iops --device-write-bps --device-write-iops --health-cmd --health-interval --health-on-failure --health-retries --health-start-period --health-timeout --health-log-destination --health-max-log-count --health-max-log-size --health-startup-cmd --health-startup-interval --health-startup-retries --health-startup-success --health-startup-timeout --no-healthcheck --env --unsetenv --restart --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-reservation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swappiness)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pids-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight-device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-on-failure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-log-destination)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-success)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__container__subcmd__wait)
            opts="-i -l -h --condition --exit-first-match --ignore --interval --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --condition)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__cp)
            opts="-a -h --archive --overwrite --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --archive)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__create)
            opts="-e -v -w -u -h -l -m -c -p -P -a -q -t -i --name --env --env-file --volume --mount --tmpfs --volumes-from --workdir --user --entrypoint --hostname --label --replace --cidfile --pod --pod-id-file --stop-signal --stop-timeout --read-only --read-only-tmpfs --memory --memory-swap --memory-reservation --memory-swappiness --cpus --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime --cpu-shares --cpuset-cpus --cpuset-mems --pids-limit --blkio-weight --blkio-weight-device --device-read-bps --device-read-iops --device-write-bps --device-write-iops --oom-kill-disable --ulimit --cap-add --cap-drop --privileged --security-opt --group-add --init --init-path --net --network --publish --publish-all --ip --network-alias --dns --dns-search --dns-option --add-host --no-hosts --no-hostname --shm-size --sysctl --tz --umask --env-host --env-merge --unsetenv --unsetenv-all --http-proxy --label-file --annotation --secret --expose --oom-score-adj --ipc --pid --uts --cgroupns --userns --uidmap --gidmap --device --device-cgroup-rule --cgroups --pidfile --conmon-pidfile --attach --quiet --platform --systemd --timeout --pull --tty --interactive --log-driver --log-opt --rm --restart --health-cmd --health-interval --health-on-failure --health-retries --health-start-period --health-timeout --health-log-destination --health-max-log-count --health-max-log-size --health-startup-cmd --health-startup-interval --health-startup-retries --health-startup-success --health-startup-timeout --no-healthcheck --hosts-file --image-volume --personality --cgroup-conf --cgroup-parent --requires --tls-verify --sdnotify --help --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -v)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mount)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpfs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumes-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --entrypoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hostname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -h)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-signal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --read-only-tmpfs)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-reservation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swappiness)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pids-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight-device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-drop)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --security-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init-path)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --net)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network-alias)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-search)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-option)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --add-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shm-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sysctl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tz)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --umask)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-merge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --label-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expose)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oom-score-adj)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ipc)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroupns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --userns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-cgroup-rule)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroups)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --conmon-pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --attach)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --systemd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pull)
                    COMPREPLY=($(compgen -W "missing always never newer" -- "${cur}"))
                    return 0
                    ;;
                --log-driver)
                    COMPREPLY=($(compgen -W "k8s-file none journald passthrough" -- "${cur}"))
                    return 0
                    ;;
                --log-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-on-failure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-log-destination)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-success)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hosts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --personality)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-conf)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-parent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --requires)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --sdnotify)
                    COMPREPLY=($(compgen -W "container conmon ignore" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__diff)
            opts="-l -h --format --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__events)
            opts="-f -h --filter --format --stream --since --until --no-trunc --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stream)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --no-trunc)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__exec)
            opts="-d -i -t -e -u -w -l -h --detach --interactive --tty --env --env-file --privileged --user --workdir --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__export)
            opts="-o -h --output --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__generate)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help systemd kube"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__generate__subcmd__kube)
            opts="-f -s -t -r -h --filename --service --type --replicas --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filename)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --replicas)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -r)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__generate__subcmd__systemd)
            opts="-e -n -f -t -h --new --env --template --name --files --restart-policy --restart-sec --stop-timeout --start-timeout --no-header --container-prefix --pod-prefix --separator --format --after --wants --requires --from --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --new)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart-policy)
                    COMPREPLY=($(compgen -W "no on-success on-failure on-abnormal on-watchdog on-abort always" -- "${cur}"))
                    return 0
                    ;;
                --restart-sec)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --container-prefix)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-prefix)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --separator)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --after)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --wants)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --requires)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__healthcheck)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help run"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__healthcheck__subcmd__run)
            opts="-h --ignore-result --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__history)
            opts="-H -q -h --format --human --no-trunc --quiet --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --human)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__image)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help build ls pull push inspect tag untag rm load save history import exists prune"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__image__subcmd__build)
            opts="-f -q -t -D -o -c -m -v -h --annotation --build-arg --build-arg-file --file --force-rm --format --iidfile --label --layers --network --no-cache --platform --pull --quiet --rm --squash --tag --target --arch --authfile --cache-ttl --compress --created-annotation --creds --disable-compression --env --from --identity-label --ignorefile --inherit-annotations --inherit-labels --isolation --jobs --logfile --omit-history --os --output --skip-unused-stages --source-date-epoch --squash-all --timestamp --tls-verify --unsetannotation --unsetenv --unsetlabel --variant --add-host --cap-add --cap-drop --cgroupns --cpu-period --cpu-quota --cpu-shares --cpuset-cpus --cpuset-mems --device --dns --dns-option --dns-search --group-add --http-proxy --ipc --memory --memory-swap --no-hostname --no-hosts --pid --security-opt --shm-size --ulimit --userns --uts --volume --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --build-arg)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --build-arg-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --force-rm)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --iidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --layers)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pull)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rm)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --tag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --target)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --arch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cache-ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --created-annotation)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --disable-compression)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                -D)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --identity-label)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --ignorefile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --inherit-annotations)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --inherit-labels)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --isolation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jobs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --logfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --omit-history)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --os)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --skip-unused-stages)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --source-date-epoch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timestamp)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --unsetannotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetlabel)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --variant)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --add-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-drop)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroupns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-option)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-search)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --ipc)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --security-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shm-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --userns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -v)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__image__subcmd__exists)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__image__subcmd__history)
            opts="-H -q -h --format --human --no-trunc --quiet --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --human)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                -H)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__image__subcmd__import)
            opts="-c -m -q -h --change --message --quiet --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --change)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --message)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__image__subcmd__inspect)
            opts="-f -h --format --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__image__subcmd__load)
            opts="-i -q -h --input --quiet --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --input)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__image__subcmd__ls)
            opts="-a -f -q -n -h --all --filter --quiet --noheading --no-trunc --digests --history --sort --format --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sort)
                    COMPREPLY=($(compgen -W "created id repository size tag" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__image__subcmd__prune)
            opts="-a -f -h --all --build-cache --external --force --filter --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__image__subcmd__pull)
            opts="-q -h --platform --quiet --tls-verify --authfile --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__image__subcmd__push)
            opts="-f -q -h --authfile --compression-format --compression-level --creds --digestfile --force-compression --format --quiet --remove-signatures --retry --retry-delay --tls-verify --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --compression-format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --compression-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --digestfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --force-compression)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__image__subcmd__rm)
            opts="-a -f -i -h --all --no-prune --force --ignore --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__image__subcmd__save)
            opts="-m -o -q -h --compress --format --multi-image-archive --output --quiet --uncompressed --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__image__subcmd__tag)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__image__subcmd__untag)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__images)
            opts="-a -f -q -n -h --all --filter --quiet --noheading --no-trunc --digests --history --sort --format --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sort)
                    COMPREPLY=($(compgen -W "created id repository size tag" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__import)
            opts="-c -m -q -h --change --message --quiet --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --change)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --message)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__info)
            opts="-f -h --format --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__init)
            opts="-a -l -h --all --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__inspect)
            opts="-f -t -l -h --format --type --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -W "all container image volume" -- "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -W "all container image volume" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__kill)
            opts="-s -a -l -h --signal --all --cidfile --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --signal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -s)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__kube)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help generate play down"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__kube__subcmd__down)
            opts="-h --force --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__kube__subcmd__generate)
            opts="-f -s -t -r -h --filename --service --type --replicas --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filename)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --replicas)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -r)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__kube__subcmd__play)
            opts="-q -h --replace --start --publish --network --configmap --log-driver --log-opt --annotation --publish-all --no-pod-prefix --quiet --tls-verify --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --start)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --configmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-driver)
                    COMPREPLY=($(compgen -W "k8s-file none journald passthrough" -- "${cur}"))
                    return 0
                    ;;
                --log-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__load)
            opts="-i -q -h --input --quiet --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --input)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__login)
            opts="-u -p -h --username --password --password-stdin --tls-verify --authfile --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --username)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --password)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__logout)
            opts="-h --authfile --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__logs)
            opts="-f -t -n -l -h --follow --since --until --tail --timestamps --names --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tail)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__mount)
            opts="-a -l -h --all --format --latest --no-trunc --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__network)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help create ls inspect rm exists prune"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__network__subcmd__create)
            opts="-d -h --driver --subnet --gateway --internal --disable-dns --interface-name --label --ignore --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --driver)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -d)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subnet)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gateway)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --interface-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__network__subcmd__exists)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__network__subcmd__inspect)
            opts="-f -h --format --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__network__subcmd__ls)
            opts="-q -n -f -h --quiet --no-trunc --format --noheading --filter --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__network__subcmd__prune)
            opts="-f -h --force --filter --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__network__subcmd__rm)
            opts="-f -t -h --force --time --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pause)
            opts="-a -f -l -h --all --cidfile --filter --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__play)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help kube"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__play__subcmd__kube)
            opts="-q -h --replace --start --publish --network --configmap --log-driver --log-opt --annotation --publish-all --no-pod-prefix --quiet --tls-verify --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --start)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --configmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-driver)
                    COMPREPLY=($(compgen -W "k8s-file none journald passthrough" -- "${cur}"))
                    return 0
                    ;;
                --log-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help create start stop restart kill pause unpause rm ps inspect exists prune logs top stats"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod__subcmd__create)
            opts="-n -p -l -v -h --name --publish --network --share --infra --infra-image --infra-command --infra-name --label --hostname --add-host --dns --volume --pod-id-file --infra-conmon-pidfile --replace --exit-policy --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --share)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --infra)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --infra-image)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --infra-command)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --infra-name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hostname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --add-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -v)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --infra-conmon-pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --exit-policy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod__subcmd__exists)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod__subcmd__inspect)
            opts="-f -h --format --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod__subcmd__kill)
            opts="-s -a -h --signal --all --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --signal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -s)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod__subcmd__logs)
            opts="-c -f -l -n -t -h --container --follow --latest --names --since --tail --timestamps --until --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --container)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tail)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod__subcmd__pause)
            opts="-a -h --all --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod__subcmd__prune)
            opts="-f -h --force --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod__subcmd__ps)
            opts="-f -n -q -h --ctr-names --ctr-ids --ctr-status --filter --format --noheading --no-trunc --quiet --sort --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sort)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod__subcmd__restart)
            opts="-a -h --all --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod__subcmd__rm)
            opts="-f -i -t -a -h --force --ignore --time --pod-id-file --all --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod__subcmd__start)
            opts="-a -h --pod-id-file --all --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod__subcmd__stats)
            opts="-a -l -h --all --format --latest --no-reset --no-stream --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod__subcmd__stop)
            opts="-t -i -a -h --time --ignore --pod-id-file --all --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod__subcmd__top)
            opts="-l -h --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pod__subcmd__unpause)
            opts="-a -h --all --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__port)
            opts="-a -l -h --all --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__ps)
            opts="-a -q -n -l -f -s -p -w -h --all --quiet --no-trunc --last --latest --filter --format --noheading --sort --size --external --ns --namespace --pod --watch --sync --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --last)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sort)
                    COMPREPLY=($(compgen -W "command created id image names runningfor size status" -- "${cur}"))
                    return 0
                    ;;
                --watch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__pull)
            opts="-q -h --platform --quiet --tls-verify --authfile --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__push)
            opts="-f -q -h --authfile --compression-format --compression-level --creds --digestfile --force-compression --format --quiet --remove-signatures --retry --retry-delay --tls-verify --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --authfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --compression-format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --compression-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --creds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --digestfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --force-compression)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-delay)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__rename)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__restart)
            opts="-t -f -a -l -h --time --running --filter --all --cidfile --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__rm)
            opts="-f -t -v -i -a -l -h --force --time --volumes --depend --filter --ignore --all --cidfile --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__rmi)
            opts="-a -f -i -h --all --no-prune --force --ignore --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__run)
            opts="-d -e -v -w -u -h -l -m -c -p -P -a -q -t -i --detach --detach-keys --preserve-fds --rmi --sig-proxy --name --env --env-file --volume --mount --tmpfs --volumes-from --workdir --user --entrypoint --hostname --label --replace --cidfile --pod --pod-id-file --stop-signal --stop-timeout --read-only --read-only-tmpfs --memory --memory-swap --memory-reservation --memory-swappiness --cpus --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime --cpu-shares --cpuset-cpus --cpuset-mems --pids-limit --blkio-weight --blkio-weight-device --device-read-bps --device-read-iops --device-write-bps --device-write-iops --oom-kill-disable --ulimit --cap-add --cap-drop --privileged --security-opt --group-add --init --init-path --net --network --publish --publish-all --ip --network-alias --dns --dns-search --dns-option --add-host --no-hosts --no-hostname --shm-size --sysctl --tz --umask --env-host --env-merge --unsetenv --unsetenv-all --http-proxy --label-file --annotation --secret --expose --oom-score-adj --ipc --pid --uts --cgroupns --userns --uidmap --gidmap --device --device-cgroup-rule --cgroups --pidfile --conmon-pidfile --attach --quiet --platform --systemd --timeout --pull --tty --interactive --log-driver --log-opt --rm --restart --health-cmd --health-interval --health-on-failure --health-retries --health-start-period --health-timeout --health-log-destination --health-max-log-count --health-max-log-size --health-startup-cmd --health-startup-interval --health-startup-retries --health-startup-success --health-startup-timeout --no-healthcheck --hosts-file --image-volume --personality --cgroup-conf --cgroup-parent --requires --tls-verify --sdnotify --help --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --detach-keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --preserve-fds)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sig-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -v)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --mount)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tmpfs)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volumes-from)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --workdir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -w)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --user)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -u)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --entrypoint)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hostname)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -h)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pod-id-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-signal)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --read-only-tmpfs)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-reservation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swappiness)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pids-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight-device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ulimit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cap-drop)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --security-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --group-add)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --init-path)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --net)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --publish)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -p)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ip)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --network-alias)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-search)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dns-option)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --add-host)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --shm-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sysctl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tz)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --umask)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-merge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --http-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --label-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --annotation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expose)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oom-score-adj)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ipc)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroupns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --userns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gidmap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-cgroup-rule)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroups)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --conmon-pidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --attach)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -a)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --platform)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --systemd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pull)
                    COMPREPLY=($(compgen -W "missing always never newer" -- "${cur}"))
                    return 0
                    ;;
                --log-driver)
                    COMPREPLY=($(compgen -W "k8s-file none journald passthrough" -- "${cur}"))
                    return 0
                    ;;
                --log-opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-on-failure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-log-destination)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-success)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hosts-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --image-volume)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --personality)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-conf)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-parent)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --requires)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-verify)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --sdnotify)
                    COMPREPLY=($(compgen -W "container conmon ignore" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__save)
            opts="-m -o -q -h --compress --format --multi-image-archive --output --quiet --uncompressed --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__secret)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help create ls inspect rm exists"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__secret__subcmd__create)
            opts="-d -l -h --driver --driver-opts --env --ignore --label --replace --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --driver)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -d)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --driver-opts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__secret__subcmd__exists)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__secret__subcmd__inspect)
            opts="-f -h --format --pretty --showsecret --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__secret__subcmd__ls)
            opts="-f -n -q -h --filter --format --noheading --quiet --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__secret__subcmd__rm)
            opts="-a -i -h --all --ignore --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__start)
            opts="-a -l -f -i -h --attach --all --latest --filter --interactive --detach-keys --sig-proxy --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --detach-keys)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --sig-proxy)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__stats)
            opts="-a -i -l -h --all --format --interval --latest --no-reset --no-stream --no-trunc --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__stop)
            opts="-t -f -i -a -l -h --timeout --time --filter --ignore --all --cidfile --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__system)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help events info migrate prune df reset check"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__system__subcmd__check)
            opts="-q -r -f -m -h --quick --repair --force --max --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --max)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__system__subcmd__df)
            opts="-v -h --verbose --format --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__system__subcmd__events)
            opts="-f -h --filter --format --stream --since --until --no-trunc --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stream)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --since)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --no-trunc)
                    COMPREPLY=($(compgen -W "true false" -- "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__system__subcmd__info)
            opts="-f -h --format --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__system__subcmd__migrate)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__system__subcmd__prune)
            opts="-a -f -h --all --build --external --force --volumes --filter --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__system__subcmd__reset)
            opts="-f -h --force --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__tag)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__top)
            opts="-l -h --latest --list-descriptors --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__unmount)
            opts="-a -f -l -h --all --force --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__unpause)
            opts="-a -f -l -h --all --cidfile --filter --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --cidfile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__unshare)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__untag)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__update)
            opts="-m -c -e -l -h --memory --memory-swap --memory-reservation --memory-swappiness --cpus --cpu-period --cpu-quota --cpu-rt-period --cpu-rt-runtime --cpu-shares --cpuset-cpus --cpuset-mems --pids-limit --blkio-weight --blkio-weight-device --device-read-bps --device-read-iops --device-write-bps --device-write-iops --health-cmd --health-interval --health-on-failure --health-retries --health-start-period --health-timeout --health-log-destination --health-max-log-count --health-max-log-size --health-startup-cmd --health-startup-interval --health-startup-retries --health-startup-success --health-startup-timeout --no-healthcheck --env --unsetenv --restart --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --memory)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -m)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swap)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-reservation)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --memory-swappiness)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-quota)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-rt-runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpu-shares)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -c)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-cpus)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cpuset-mems)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --pids-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --blkio-weight-device)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-read-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-bps)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --device-write-iops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-on-failure)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-start-period)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-log-destination)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-max-log-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-cmd)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-success)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --health-startup-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --unsetenv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --restart)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__version)
            opts="-f -h --format --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__volume)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help create ls inspect rm prune exists mount unmount export import"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__volume__subcmd__create)
            opts="-d -o -l -h --driver --opt --uid --gid --label --ignore --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --driver)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -d)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --opt)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --uid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --gid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --label)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -l)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__volume__subcmd__exists)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__volume__subcmd__export)
            opts="-o -h --output --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__volume__subcmd__import)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__volume__subcmd__inspect)
            opts="-a -f -h --all --format --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__volume__subcmd__ls)
            opts="-f -n -q -h --filter --format --noheading --quiet --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -f)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__volume__subcmd__mount)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__volume__subcmd__prune)
            opts="-f -h --force --filter --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__volume__subcmd__rm)
            opts="-a -f -t -h --all --force --time --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -t)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__volume__subcmd__unmount)
            opts="-h --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        ctl__subcmd__wait)
            opts="-i -l -h --condition --exit-first-match --ignore --interval --latest --root --runroot --runtime --log-level --config --events-backend --cgroup-manager --runtime-flag --help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --condition)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -i)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --root)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runroot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-backend)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cgroup-manager)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --runtime-flag)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _ctl_dynamic -o nosort -o bashdefault -o default ctl
else
    complete -F _ctl_dynamic -o bashdefault -o default ctl
fi

# Names that exist only at run time (containers, images, signals) come from
# `ctl __complete KIND PREFIX`; _ctl above gives subcommands, options and files.
_ctl_subcommand() {
    case "$1:$2" in
        ":run") _ctl_path=run ;;
        ":create") _ctl_path=create ;;
        ":start") _ctl_path=start ;;
        ":stop") _ctl_path=stop ;;
        ":restart") _ctl_path=restart ;;
        ":kill") _ctl_path=kill ;;
        ":pause") _ctl_path=pause ;;
        ":unpause") _ctl_path=unpause ;;
        ":init") _ctl_path=init ;;
        ":update") _ctl_path=update ;;
        ":exec") _ctl_path=exec ;;
        ":attach") _ctl_path=attach ;;
        ":rm") _ctl_path=rm ;;
        ":wait") _ctl_path=wait ;;
        ":logs") _ctl_path=logs ;;
        ":ps"|":list") _ctl_path=ps ;;
        ":port") _ctl_path=port ;;
        ":rename") _ctl_path=rename ;;
        ":stats") _ctl_path=stats ;;
        ":top") _ctl_path=top ;;
        ":events") _ctl_path=events ;;
        ":export") _ctl_path=export ;;
        ":commit") _ctl_path=commit ;;
        ":diff") _ctl_path=diff ;;
        ":mount") _ctl_path=mount ;;
        ":unmount"|":umount") _ctl_path=unmount ;;
        ":cp") _ctl_path=cp ;;
        ":network") _ctl_path=network ;;
        "network:create") _ctl_path=network/create ;;
        "network:ls"|"network:list") _ctl_path=network/ls ;;
        "network:inspect") _ctl_path=network/inspect ;;
        "network:rm"|"network:remove") _ctl_path=network/rm ;;
        "network:exists") _ctl_path=network/exists ;;
        "network:prune") _ctl_path=network/prune ;;
        ":volume") _ctl_path=volume ;;
        "volume:create") _ctl_path=volume/create ;;
        "volume:ls"|"volume:list") _ctl_path=volume/ls ;;
        "volume:inspect") _ctl_path=volume/inspect ;;
        "volume:rm"|"volume:remove") _ctl_path=volume/rm ;;
        "volume:prune") _ctl_path=volume/prune ;;
        "volume:exists") _ctl_path=volume/exists ;;
        "volume:mount") _ctl_path=volume/mount ;;
        "volume:unmount"|"volume:umount") _ctl_path=volume/unmount ;;
        "volume:export") _ctl_path=volume/export ;;
        "volume:import") _ctl_path=volume/import ;;
        ":secret") _ctl_path=secret ;;
        "secret:create") _ctl_path=secret/create ;;
        "secret:ls"|"secret:list") _ctl_path=secret/ls ;;
        "secret:inspect") _ctl_path=secret/inspect ;;
        "secret:rm") _ctl_path=secret/rm ;;
        "secret:exists") _ctl_path=secret/exists ;;
        ":pod") _ctl_path=pod ;;
        "pod:create") _ctl_path=pod/create ;;
        "pod:start") _ctl_path=pod/start ;;
        "pod:stop") _ctl_path=pod/stop ;;
        "pod:restart") _ctl_path=pod/restart ;;
        "pod:kill") _ctl_path=pod/kill ;;
        "pod:pause") _ctl_path=pod/pause ;;
        "pod:unpause") _ctl_path=pod/unpause ;;
        "pod:rm"|"pod:remove") _ctl_path=pod/rm ;;
        "pod:ps"|"pod:ls"|"pod:list") _ctl_path=pod/ps ;;
        "pod:inspect") _ctl_path=pod/inspect ;;
        "pod:exists") _ctl_path=pod/exists ;;
        "pod:prune") _ctl_path=pod/prune ;;
        "pod:logs") _ctl_path=pod/logs ;;
        "pod:top") _ctl_path=pod/top ;;
        "pod:stats") _ctl_path=pod/stats ;;
        ":kube") _ctl_path=kube ;;
        "kube:generate") _ctl_path=kube/generate ;;
        "kube:play") _ctl_path=kube/play ;;
        "kube:down") _ctl_path=kube/down ;;
        ":play") _ctl_path=play ;;
        "play:kube") _ctl_path=play/kube ;;
        ":container") _ctl_path=container ;;
        "container:run") _ctl_path=container/run ;;
        "container:create") _ctl_path=container/create ;;
        "container:start") _ctl_path=container/start ;;
        "container:stop") _ctl_path=container/stop ;;
        "container:restart") _ctl_path=container/restart ;;
        "container:kill") _ctl_path=container/kill ;;
        "container:pause") _ctl_path=container/pause ;;
        "container:unpause") _ctl_path=container/unpause ;;
        "container:init") _ctl_path=container/init ;;
        "container:update") _ctl_path=container/update ;;
        "container:exec") _ctl_path=container/exec ;;
        "container:attach") _ctl_path=container/attach ;;
        "container:rm") _ctl_path=container/rm ;;
        "container:wait") _ctl_path=container/wait ;;
        "container:logs") _ctl_path=container/logs ;;
        "container:ls"|"container:ps"|"container:list") _ctl_path=container/ls ;;
        "container:inspect") _ctl_path=container/inspect ;;
        "container:port") _ctl_path=container/port ;;
        "container:rename") _ctl_path=container/rename ;;
        "container:stats") _ctl_path=container/stats ;;
        "container:top") _ctl_path=container/top ;;
        "container:cp") _ctl_path=container/cp ;;
        "container:prune") _ctl_path=container/prune ;;
        "container:exists") _ctl_path=container/exists ;;
        "container:export") _ctl_path=container/export ;;
        "container:commit") _ctl_path=container/commit ;;
        "container:diff") _ctl_path=container/diff ;;
        "container:mount") _ctl_path=container/mount ;;
        "container:unmount"|"container:umount") _ctl_path=container/unmount ;;
        ":pull") _ctl_path=pull ;;
        ":build") _ctl_path=build ;;
        ":buildx") _ctl_path=buildx ;;
        "buildx:build") _ctl_path=buildx/build ;;
        ":push") _ctl_path=push ;;
        ":images"|":image-ls") _ctl_path=images ;;
        ":image") _ctl_path=image ;;
        "image:build") _ctl_path=image/build ;;
        "image:ls"|"image:list") _ctl_path=image/ls ;;
        "image:pull") _ctl_path=image/pull ;;
        "image:push") _ctl_path=image/push ;;
        "image:inspect") _ctl_path=image/inspect ;;
        "image:tag") _ctl_path=image/tag ;;
        "image:untag") _ctl_path=image/untag ;;
        "image:rm") _ctl_path=image/rm ;;
        "image:load") _ctl_path=image/load ;;
        "image:save") _ctl_path=image/save ;;
        "image:history") _ctl_path=image/history ;;
        "image:import") _ctl_path=image/import ;;
        "image:exists") _ctl_path=image/exists ;;
        "image:prune") _ctl_path=image/prune ;;
        ":inspect") _ctl_path=inspect ;;
        ":tag") _ctl_path=tag ;;
        ":untag") _ctl_path=untag ;;
        ":rmi") _ctl_path=rmi ;;
        ":load") _ctl_path=load ;;
        ":save") _ctl_path=save ;;
        ":history") _ctl_path=history ;;
        ":import") _ctl_path=import ;;
        ":login") _ctl_path=login ;;
        ":logout") _ctl_path=logout ;;
        ":generate") _ctl_path=generate ;;
        "generate:systemd") _ctl_path=generate/systemd ;;
        "generate:kube") _ctl_path=generate/kube ;;
        ":healthcheck") _ctl_path=healthcheck ;;
        "healthcheck:run") _ctl_path=healthcheck/run ;;
        ":info") _ctl_path=info ;;
        ":system") _ctl_path=system ;;
        "system:events") _ctl_path=system/events ;;
        "system:info") _ctl_path=system/info ;;
        "system:migrate") _ctl_path=system/migrate ;;
        "system:prune") _ctl_path=system/prune ;;
        "system:df") _ctl_path=system/df ;;
        "system:reset") _ctl_path=system/reset ;;
        "system:check") _ctl_path=system/check ;;
        ":unshare") _ctl_path=unshare ;;
        ":version") _ctl_path=version ;;
        ":completion") _ctl_path=completion ;;
        *) return 1 ;;
    esac
}

_ctl_takes_value() {
    case "$1:$2" in
        *:--out|*:--root|*:--runroot|*:--runtime|*:--log-level|*:--config|*:--events-backend|*:--cgroup-manager|*:--runtime-flag) return 0 ;;
        "run":--detach-keys|"run":--preserve-fds|"run":--sig-proxy|"run":--name|"run":-e|"run":--env|"run":--env-file|"run":-v|"run":--volume|"run":--mount|"run":--tmpfs|"run":--volumes-from|"run":-w|"run":--workdir|"run":-u|"run":--user|"run":--entrypoint|"run":-h|"run":--hostname|"run":-l|"run":--label|"run":--cidfile|"run":--pod|"run":--pod-id-file|"run":--stop-signal|"run":--stop-timeout|"run":--read-only-tmpfs|"run":-m|"run":--memory|"run":--memory-swap|"run":--memory-reservation|"run":--memory-swappiness|"run":--cpus|"run":--cpu-period|"run":--cpu-quota|"run":--cpu-rt-period|"run":--cpu-rt-runtime|"run":-c|"run":--cpu-shares|"run":--cpuset-cpus|"run":--cpuset-mems|"run":--pids-limit|"run":--blkio-weight|"run":--blkio-weight-device|"run":--device-read-bps|"run":--device-read-iops|"run":--device-write-bps|"run":--device-write-iops|"run":--ulimit|"run":--cap-add|"run":--cap-drop|"run":--security-opt|"run":--group-add|"run":--init-path|"run":--network|"run":--net|"run":-p|"run":--publish|"run":--ip|"run":--network-alias|"run":--dns|"run":--dns-search|"run":--dns-option|"run":--add-host|"run":--shm-size|"run":--sysctl|"run":--tz|"run":--umask|"run":--env-merge|"run":--unsetenv|"run":--http-proxy|"run":--label-file|"run":--annotation|"run":--secret|"run":--expose|"run":--oom-score-adj|"run":--ipc|"run":--pid|"run":--uts|"run":--cgroupns|"run":--userns|"run":--uidmap|"run":--gidmap|"run":--device|"run":--device-cgroup-rule|"run":--cgroups|"run":--pidfile|"run":--conmon-pidfile|"run":-a|"run":--attach|"run":--platform|"run":--systemd|"run":--timeout|"run":--pull|"run":--log-driver|"run":--log-opt|"run":--restart|"run":--health-cmd|"run":--health-interval|"run":--health-on-failure|"run":--health-retries|"run":--health-start-period|"run":--health-timeout|"run":--health-log-destination|"run":--health-max-log-count|"run":--health-max-log-size|"run":--health-startup-cmd|"run":--health-startup-interval|"run":--health-startup-retries|"run":--health-startup-success|"run":--health-startup-timeout|"run":--hosts-file|"run":--image-volume|"run":--personality|"run":--cgroup-conf|"run":--cgroup-parent|"run":--requires|"run":--tls-verify|"run":--sdnotify) return 0 ;;
        "create":--name|"create":-e|"create":--env|"create":--env-file|"create":-v|"create":--volume|"create":--mount|"create":--tmpfs|"create":--volumes-from|"create":-w|"create":--workdir|"create":-u|"create":--user|"create":--entrypoint|"create":-h|"create":--hostname|"create":-l|"create":--label|"create":--cidfile|"create":--pod|"create":--pod-id-file|"create":--stop-signal|"create":--stop-timeout|"create":--read-only-tmpfs|"create":-m|"create":--memory|"create":--memory-swap|"create":--memory-reservation|"create":--memory-swappiness|"create":--cpus|"create":--cpu-period|"create":--cpu-quota|"create":--cpu-rt-period|"create":--cpu-rt-runtime|"create":-c|"create":--cpu-shares|"create":--cpuset-cpus|"create":--cpuset-mems|"create":--pids-limit|"create":--blkio-weight|"create":--blkio-weight-device|"create":--device-read-bps|"create":--device-read-iops|"create":--device-write-bps|"create":--device-write-iops|"create":--ulimit|"create":--cap-add|"create":--cap-drop|"create":--security-opt|"create":--group-add|"create":--init-path|"create":--network|"create":--net|"create":-p|"create":--publish|"create":--ip|"create":--network-alias|"create":--dns|"create":--dns-search|"create":--dns-option|"create":--add-host|"create":--shm-size|"create":--sysctl|"create":--tz|"create":--umask|"create":--env-merge|"create":--unsetenv|"create":--http-proxy|"create":--label-file|"create":--annotation|"create":--secret|"create":--expose|"create":--oom-score-adj|"create":--ipc|"create":--pid|"create":--uts|"create":--cgroupns|"create":--userns|"create":--uidmap|"create":--gidmap|"create":--device|"create":--device-cgroup-rule|"create":--cgroups|"create":--pidfile|"create":--conmon-pidfile|"create":-a|"create":--attach|"create":--platform|"create":--systemd|"create":--timeout|"create":--pull|"create":--log-driver|"create":--log-opt|"create":--restart|"create":--health-cmd|"create":--health-interval|"create":--health-on-failure|"create":--health-retries|"create":--health-start-period|"create":--health-timeout|"create":--health-log-destination|"create":--health-max-log-count|"create":--health-max-log-size|"create":--health-startup-cmd|"create":--health-startup-interval|"create":--health-startup-retries|"create":--health-startup-success|"create":--health-startup-timeout|"create":--hosts-file|"create":--image-volume|"create":--personality|"create":--cgroup-conf|"create":--cgroup-parent|"create":--requires|"create":--tls-verify|"create":--sdnotify) return 0 ;;
        "start":-f|"start":--filter|"start":--detach-keys|"start":--sig-proxy) return 0 ;;
        "stop":-t|"stop":--time|"stop":--timeout|"stop":-f|"stop":--filter|"stop":--cidfile) return 0 ;;
        "restart":-t|"restart":--time|"restart":-f|"restart":--filter|"restart":--cidfile) return 0 ;;
        "kill":-s|"kill":--signal|"kill":--cidfile) return 0 ;;
        "pause":--cidfile|"pause":-f|"pause":--filter) return 0 ;;
        "unpause":--cidfile|"unpause":-f|"unpause":--filter) return 0 ;;
        "update":-m|"update":--memory|"update":--memory-swap|"update":--memory-reservation|"update":--memory-swappiness|"update":--cpus|"update":--cpu-period|"update":--cpu-quota|"update":--cpu-rt-period|"update":--cpu-rt-runtime|"update":-c|"update":--cpu-shares|"update":--cpuset-cpus|"update":--cpuset-mems|"update":--pids-limit|"update":--blkio-weight|"update":--blkio-weight-device|"update":--device-read-bps|"update":--device-read-iops|"update":--device-write-bps|"update":--device-write-iops|"update":--health-cmd|"update":--health-interval|"update":--health-on-failure|"update":--health-retries|"update":--health-start-period|"update":--health-timeout|"update":--health-log-destination|"update":--health-max-log-count|"update":--health-max-log-size|"update":--health-startup-cmd|"update":--health-startup-interval|"update":--health-startup-retries|"update":--health-startup-success|"update":--health-startup-timeout|"update":-e|"update":--env|"update":--unsetenv|"update":--restart) return 0 ;;
        "exec":-e|"exec":--env|"exec":--env-file|"exec":-u|"exec":--user|"exec":-w|"exec":--workdir) return 0 ;;
        "attach":--detach-keys|"attach":--sig-proxy) return 0 ;;
        "rm":-t|"rm":--time|"rm":--filter|"rm":--cidfile) return 0 ;;
        "wait":--condition|"wait":-i|"wait":--interval) return 0 ;;
        "logs":--since|"logs":--until|"logs":--tail) return 0 ;;
        "ps":-n|"ps":--last|"ps":-f|"ps":--filter|"ps":--format|"ps":--sort|"ps":-w|"ps":--watch) return 0 ;;
        "stats":--format|"stats":-i|"stats":--interval) return 0 ;;
        "events":-f|"events":--filter|"events":--format|"events":--stream|"events":--since|"events":--until|"events":--no-trunc) return 0 ;;
        "export":-o|"export":--output) return 0 ;;
        "commit":-a|"commit":--author|"commit":-c|"commit":--change|"commit":-f|"commit":--format|"commit":--iidfile|"commit":-m|"commit":--message) return 0 ;;
        "diff":--format) return 0 ;;
        "mount":--format) return 0 ;;
        "cp":-a|"cp":--archive) return 0 ;;
        "network/create":-d|"network/create":--driver|"network/create":--subnet|"network/create":--gateway|"network/create":--interface-name|"network/create":--label) return 0 ;;
        "network/ls":--format|"network/ls":-f|"network/ls":--filter) return 0 ;;
        "network/inspect":-f|"network/inspect":--format) return 0 ;;
        "network/rm":-t|"network/rm":--time) return 0 ;;
        "network/prune":--filter) return 0 ;;
        "volume/create":-d|"volume/create":--driver|"volume/create":-o|"volume/create":--opt|"volume/create":--uid|"volume/create":--gid|"volume/create":-l|"volume/create":--label) return 0 ;;
        "volume/ls":-f|"volume/ls":--filter|"volume/ls":--format) return 0 ;;
        "volume/inspect":-f|"volume/inspect":--format) return 0 ;;
        "volume/rm":-t|"volume/rm":--time) return 0 ;;
        "volume/prune":--filter) return 0 ;;
        "volume/export":-o|"volume/export":--output) return 0 ;;
        "secret/create":-d|"secret/create":--driver|"secret/create":--driver-opts|"secret/create":-l|"secret/create":--label) return 0 ;;
        "secret/ls":-f|"secret/ls":--filter|"secret/ls":--format) return 0 ;;
        "secret/inspect":-f|"secret/inspect":--format) return 0 ;;
        "pod/create":-n|"pod/create":--name|"pod/create":-p|"pod/create":--publish|"pod/create":--network|"pod/create":--share|"pod/create":--infra|"pod/create":--infra-image|"pod/create":--infra-command|"pod/create":--infra-name|"pod/create":-l|"pod/create":--label|"pod/create":--hostname|"pod/create":--add-host|"pod/create":--dns|"pod/create":-v|"pod/create":--volume|"pod/create":--pod-id-file|"pod/create":--infra-conmon-pidfile|"pod/create":--exit-policy) return 0 ;;
        "pod/start":--pod-id-file) return 0 ;;
        "pod/stop":-t|"pod/stop":--time|"pod/stop":--pod-id-file) return 0 ;;
        "pod/kill":-s|"pod/kill":--signal) return 0 ;;
        "pod/rm":-t|"pod/rm":--time|"pod/rm":--pod-id-file) return 0 ;;
        "pod/ps":-f|"pod/ps":--filter|"pod/ps":--format|"pod/ps":--sort) return 0 ;;
        "pod/inspect":-f|"pod/inspect":--format) return 0 ;;
        "pod/logs":-c|"pod/logs":--container|"pod/logs":--since|"pod/logs":--tail|"pod/logs":--until) return 0 ;;
        "pod/stats":--format) return 0 ;;
        "kube/generate":-f|"kube/generate":--filename|"kube/generate":-t|"kube/generate":--type|"kube/generate":-r|"kube/generate":--replicas) return 0 ;;
        "kube/play":--start|"kube/play":--publish|"kube/play":--network|"kube/play":--configmap|"kube/play":--log-driver|"kube/play":--log-opt|"kube/play":--annotation|"kube/play":--tls-verify) return 0 ;;
        "play/kube":--start|"play/kube":--publish|"play/kube":--network|"play/kube":--configmap|"play/kube":--log-driver|"play/kube":--log-opt|"play/kube":--annotation|"play/kube":--tls-verify) return 0 ;;
        "container/run":--detach-keys|"container/run":--preserve-fds|"container/run":--sig-proxy|"container/run":--name|"container/run":-e|"container/run":--env|"container/run":--env-file|"container/run":-v|"container/run":--volume|"container/run":--mount|"container/run":--tmpfs|"container/run":--volumes-from|"container/run":-w|"container/run":--workdir|"container/run":-u|"container/run":--user|"container/run":--entrypoint|"container/run":-h|"container/run":--hostname|"container/run":-l|"container/run":--label|"container/run":--cidfile|"container/run":--pod|"container/run":--pod-id-file|"container/run":--stop-signal|"container/run":--stop-timeout|"container/run":--read-only-tmpfs|"container/run":-m|"container/run":--memory|"container/run":--memory-swap|"container/run":--memory-reservation|"container/run":--memory-swappiness|"container/run":--cpus|"container/run":--cpu-period|"container/run":--cpu-quota|"container/run":--cpu-rt-period|"container/run":--cpu-rt-runtime|"container/run":-c|"container/run":--cpu-shares|"container/run":--cpuset-cpus|"container/run":--cpuset-mems|"container/run":--pids-limit|"container/run":--blkio-weight|"container/run":--blkio-weight-device|"container/run":--device-read-bps|"container/run":--device-read-iops|"container/run":--device-write-bps|"container/run":--device-write-iops|"container/run":--ulimit|"container/run":--cap-add|"container/run":--cap-drop|"container/run":--security-opt|"container/run":--group-add|"container/run":--init-path|"container/run":--network|"container/run":--net|"container/run":-p|"container/run":--publish|"container/run":--ip|"container/run":--network-alias|"container/run":--dns|"container/run":--dns-search|"container/run":--dns-option|"container/run":--add-host|"container/run":--shm-size|"container/run":--sysctl|"container/run":--tz|"container/run":--umask|"container/run":--env-merge|"container/run":--unsetenv|"container/run":--http-proxy|"container/run":--label-file|"container/run":--annotation|"container/run":--secret|"container/run":--expose|"container/run":--oom-score-adj|"container/run":--ipc|"container/run":--pid|"container/run":--uts|"container/run":--cgroupns|"container/run":--userns|"container/run":--uidmap|"container/run":--gidmap|"container/run":--device|"container/run":--device-cgroup-rule|"container/run":--cgroups|"container/run":--pidfile|"container/run":--conmon-pidfile|"container/run":-a|"container/run":--attach|"container/run":--platform|"container/run":--systemd|"container/run":--timeout|"container/run":--pull|"container/run":--log-driver|"container/run":--log-opt|"container/run":--restart|"container/run":--health-cmd|"container/run":--health-interval|"container/run":--health-on-failure|"container/run":--health-retries|"container/run":--health-start-period|"container/run":--health-timeout|"container/run":--health-log-destination|"container/run":--health-max-log-count|"container/run":--health-max-log-size|"container/run":--health-startup-cmd|"container/run":--health-startup-interval|"container/run":--health-startup-retries|"container/run":--health-startup-success|"container/run":--health-startup-timeout|"container/run":--hosts-file|"container/run":--image-volume|"container/run":--personality|"container/run":--cgroup-conf|"container/run":--cgroup-parent|"container/run":--requires|"container/run":--tls-verify|"container/run":--sdnotify) return 0 ;;
        "container/create":--name|"container/create":-e|"container/create":--env|"container/create":--env-file|"container/create":-v|"container/create":--volume|"container/create":--mount|"container/create":--tmpfs|"container/create":--volumes-from|"container/create":-w|"container/create":--workdir|"container/create":-u|"container/create":--user|"container/create":--entrypoint|"container/create":-h|"container/create":--hostname|"container/create":-l|"container/create":--label|"container/create":--cidfile|"container/create":--pod|"container/create":--pod-id-file|"container/create":--stop-signal|"container/create":--stop-timeout|"container/create":--read-only-tmpfs|"container/create":-m|"container/create":--memory|"container/create":--memory-swap|"container/create":--memory-reservation|"container/create":--memory-swappiness|"container/create":--cpus|"container/create":--cpu-period|"container/create":--cpu-quota|"container/create":--cpu-rt-period|"container/create":--cpu-rt-runtime|"container/create":-c|"container/create":--cpu-shares|"container/create":--cpuset-cpus|"container/create":--cpuset-mems|"container/create":--pids-limit|"container/create":--blkio-weight|"container/create":--blkio-weight-device|"container/create":--device-read-bps|"container/create":--device-read-iops|"container/create":--device-write-bps|"container/create":--device-write-iops|"container/create":--ulimit|"container/create":--cap-add|"container/create":--cap-drop|"container/create":--security-opt|"container/create":--group-add|"container/create":--init-path|"container/create":--network|"container/create":--net|"container/create":-p|"container/create":--publish|"container/create":--ip|"container/create":--network-alias|"container/create":--dns|"container/create":--dns-search|"container/create":--dns-option|"container/create":--add-host|"container/create":--shm-size|"container/create":--sysctl|"container/create":--tz|"container/create":--umask|"container/create":--env-merge|"container/create":--unsetenv|"container/create":--http-proxy|"container/create":--label-file|"container/create":--annotation|"container/create":--secret|"container/create":--expose|"container/create":--oom-score-adj|"container/create":--ipc|"container/create":--pid|"container/create":--uts|"container/create":--cgroupns|"container/create":--userns|"container/create":--uidmap|"container/create":--gidmap|"container/create":--device|"container/create":--device-cgroup-rule|"container/create":--cgroups|"container/create":--pidfile|"container/create":--conmon-pidfile|"container/create":-a|"container/create":--attach|"container/create":--platform|"container/create":--systemd|"container/create":--timeout|"container/create":--pull|"container/create":--log-driver|"container/create":--log-opt|"container/create":--restart|"container/create":--health-cmd|"container/create":--health-interval|"container/create":--health-on-failure|"container/create":--health-retries|"container/create":--health-start-period|"container/create":--health-timeout|"container/create":--health-log-destination|"container/create":--health-max-log-count|"container/create":--health-max-log-size|"container/create":--health-startup-cmd|"container/create":--health-startup-interval|"container/create":--health-startup-retries|"container/create":--health-startup-success|"container/create":--health-startup-timeout|"container/create":--hosts-file|"container/create":--image-volume|"container/create":--personality|"container/create":--cgroup-conf|"container/create":--cgroup-parent|"container/create":--requires|"container/create":--tls-verify|"container/create":--sdnotify) return 0 ;;
        "container/start":-f|"container/start":--filter|"container/start":--detach-keys|"container/start":--sig-proxy) return 0 ;;
        "container/stop":-t|"container/stop":--time|"container/stop":--timeout|"container/stop":-f|"container/stop":--filter|"container/stop":--cidfile) return 0 ;;
        "container/restart":-t|"container/restart":--time|"container/restart":-f|"container/restart":--filter|"container/restart":--cidfile) return 0 ;;
        "container/kill":-s|"container/kill":--signal|"container/kill":--cidfile) return 0 ;;
        "container/pause":--cidfile|"container/pause":-f|"container/pause":--filter) return 0 ;;
        "container/unpause":--cidfile|"container/unpause":-f|"container/unpause":--filter) return 0 ;;
        "container/update":-m|"container/update":--memory|"container/update":--memory-swap|"container/update":--memory-reservation|"container/update":--memory-swappiness|"container/update":--cpus|"container/update":--cpu-period|"container/update":--cpu-quota|"container/update":--cpu-rt-period|"container/update":--cpu-rt-runtime|"container/update":-c|"container/update":--cpu-shares|"container/update":--cpuset-cpus|"container/update":--cpuset-mems|"container/update":--pids-limit|"container/update":--blkio-weight|"container/update":--blkio-weight-device|"container/update":--device-read-bps|"container/update":--device-read-iops|"container/update":--device-write-bps|"container/update":--device-write-iops|"container/update":--health-cmd|"container/update":--health-interval|"container/update":--health-on-failure|"container/update":--health-retries|"container/update":--health-start-period|"container/update":--health-timeout|"container/update":--health-log-destination|"container/update":--health-max-log-count|"container/update":--health-max-log-size|"container/update":--health-startup-cmd|"container/update":--health-startup-interval|"container/update":--health-startup-retries|"container/update":--health-startup-success|"container/update":--health-startup-timeout|"container/update":-e|"container/update":--env|"container/update":--unsetenv|"container/update":--restart) return 0 ;;
        "container/exec":-e|"container/exec":--env|"container/exec":--env-file|"container/exec":-u|"container/exec":--user|"container/exec":-w|"container/exec":--workdir) return 0 ;;
        "container/attach":--detach-keys|"container/attach":--sig-proxy) return 0 ;;
        "container/rm":-t|"container/rm":--time|"container/rm":--filter|"container/rm":--cidfile) return 0 ;;
        "container/wait":--condition|"container/wait":-i|"container/wait":--interval) return 0 ;;
        "container/logs":--since|"container/logs":--until|"container/logs":--tail) return 0 ;;
        "container/ls":-n|"container/ls":--last|"container/ls":-f|"container/ls":--filter|"container/ls":--format|"container/ls":--sort|"container/ls":-w|"container/ls":--watch) return 0 ;;
        "container/inspect":-f|"container/inspect":--format) return 0 ;;
        "container/stats":--format|"container/stats":-i|"container/stats":--interval) return 0 ;;
        "container/cp":-a|"container/cp":--archive) return 0 ;;
        "container/prune":--filter) return 0 ;;
        "container/export":-o|"container/export":--output) return 0 ;;
        "container/commit":-a|"container/commit":--author|"container/commit":-c|"container/commit":--change|"container/commit":-f|"container/commit":--format|"container/commit":--iidfile|"container/commit":-m|"container/commit":--message) return 0 ;;
        "container/diff":--format) return 0 ;;
        "container/mount":--format) return 0 ;;
        "pull":--platform|"pull":--tls-verify|"pull":--authfile) return 0 ;;
        "build":--annotation|"build":--build-arg|"build":--build-arg-file|"build":-f|"build":--file|"build":--force-rm|"build":--format|"build":--iidfile|"build":--label|"build":--layers|"build":--network|"build":--platform|"build":--pull|"build":--rm|"build":-t|"build":--tag|"build":--target|"build":--arch|"build":--authfile|"build":--cache-ttl|"build":--created-annotation|"build":--creds|"build":-D|"build":--disable-compression|"build":--env|"build":--from|"build":--identity-label|"build":--ignorefile|"build":--inherit-annotations|"build":--inherit-labels|"build":--isolation|"build":--jobs|"build":--logfile|"build":--omit-history|"build":--os|"build":-o|"build":--output|"build":--skip-unused-stages|"build":--source-date-epoch|"build":--timestamp|"build":--tls-verify|"build":--unsetannotation|"build":--unsetenv|"build":--unsetlabel|"build":--variant|"build":--add-host|"build":--cap-add|"build":--cap-drop|"build":--cgroupns|"build":--cpu-period|"build":--cpu-quota|"build":-c|"build":--cpu-shares|"build":--cpuset-cpus|"build":--cpuset-mems|"build":--device|"build":--dns|"build":--dns-option|"build":--dns-search|"build":--group-add|"build":--http-proxy|"build":--ipc|"build":-m|"build":--memory|"build":--memory-swap|"build":--pid|"build":--security-opt|"build":--shm-size|"build":--ulimit|"build":--userns|"build":--uts|"build":-v|"build":--volume) return 0 ;;
        "buildx/build":--annotation|"buildx/build":--build-arg|"buildx/build":--build-arg-file|"buildx/build":-f|"buildx/build":--file|"buildx/build":--force-rm|"buildx/build":--format|"buildx/build":--iidfile|"buildx/build":--label|"buildx/build":--layers|"buildx/build":--network|"buildx/build":--platform|"buildx/build":--pull|"buildx/build":--rm|"buildx/build":-t|"buildx/build":--tag|"buildx/build":--target|"buildx/build":--arch|"buildx/build":--authfile|"buildx/build":--cache-ttl|"buildx/build":--created-annotation|"buildx/build":--creds|"buildx/build":-D|"buildx/build":--disable-compression|"buildx/build":--env|"buildx/build":--from|"buildx/build":--identity-label|"buildx/build":--ignorefile|"buildx/build":--inherit-annotations|"buildx/build":--inherit-labels|"buildx/build":--isolation|"buildx/build":--jobs|"buildx/build":--logfile|"buildx/build":--omit-history|"buildx/build":--os|"buildx/build":-o|"buildx/build":--output|"buildx/build":--skip-unused-stages|"buildx/build":--source-date-epoch|"buildx/build":--timestamp|"buildx/build":--tls-verify|"buildx/build":--unsetannotation|"buildx/build":--unsetenv|"buildx/build":--unsetlabel|"buildx/build":--variant|"buildx/build":--add-host|"buildx/build":--cap-add|"buildx/build":--cap-drop|"buildx/build":--cgroupns|"buildx/build":--cpu-period|"buildx/build":--cpu-quota|"buildx/build":-c|"buildx/build":--cpu-shares|"buildx/build":--cpuset-cpus|"buildx/build":--cpuset-mems|"buildx/build":--device|"buildx/build":--dns|"buildx/build":--dns-option|"buildx/build":--dns-search|"buildx/build":--group-add|"buildx/build":--http-proxy|"buildx/build":--ipc|"buildx/build":-m|"buildx/build":--memory|"buildx/build":--memory-swap|"buildx/build":--pid|"buildx/build":--security-opt|"buildx/build":--shm-size|"buildx/build":--ulimit|"buildx/build":--userns|"buildx/build":--uts|"buildx/build":-v|"buildx/build":--volume) return 0 ;;
        "push":--authfile|"push":--compression-format|"push":--compression-level|"push":--creds|"push":--digestfile|"push":--force-compression|"push":-f|"push":--format|"push":--retry|"push":--retry-delay|"push":--tls-verify) return 0 ;;
        "images":-f|"images":--filter|"images":--sort|"images":--format) return 0 ;;
        "image/build":--annotation|"image/build":--build-arg|"image/build":--build-arg-file|"image/build":-f|"image/build":--file|"image/build":--force-rm|"image/build":--format|"image/build":--iidfile|"image/build":--label|"image/build":--layers|"image/build":--network|"image/build":--platform|"image/build":--pull|"image/build":--rm|"image/build":-t|"image/build":--tag|"image/build":--target|"image/build":--arch|"image/build":--authfile|"image/build":--cache-ttl|"image/build":--created-annotation|"image/build":--creds|"image/build":-D|"image/build":--disable-compression|"image/build":--env|"image/build":--from|"image/build":--identity-label|"image/build":--ignorefile|"image/build":--inherit-annotations|"image/build":--inherit-labels|"image/build":--isolation|"image/build":--jobs|"image/build":--logfile|"image/build":--omit-history|"image/build":--os|"image/build":-o|"image/build":--output|"image/build":--skip-unused-stages|"image/build":--source-date-epoch|"image/build":--timestamp|"image/build":--tls-verify|"image/build":--unsetannotation|"image/build":--unsetenv|"image/build":--unsetlabel|"image/build":--variant|"image/build":--add-host|"image/build":--cap-add|"image/build":--cap-drop|"image/build":--cgroupns|"image/build":--cpu-period|"image/build":--cpu-quota|"image/build":-c|"image/build":--cpu-shares|"image/build":--cpuset-cpus|"image/build":--cpuset-mems|"image/build":--device|"image/build":--dns|"image/build":--dns-option|"image/build":--dns-search|"image/build":--group-add|"image/build":--http-proxy|"image/build":--ipc|"image/build":-m|"image/build":--memory|"image/build":--memory-swap|"image/build":--pid|"image/build":--security-opt|"image/build":--shm-size|"image/build":--ulimit|"image/build":--userns|"image/build":--uts|"image/build":-v|"image/build":--volume) return 0 ;;
        "image/ls":-f|"image/ls":--filter|"image/ls":--sort|"image/ls":--format) return 0 ;;
        "image/pull":--platform|"image/pull":--tls-verify|"image/pull":--authfile) return 0 ;;
        "image/push":--authfile|"image/push":--compression-format|"image/push":--compression-level|"image/push":--creds|"image/push":--digestfile|"image/push":--force-compression|"image/push":-f|"image/push":--format|"image/push":--retry|"image/push":--retry-delay|"image/push":--tls-verify) return 0 ;;
        "image/inspect":-f|"image/inspect":--format) return 0 ;;
        "image/load":-i|"image/load":--input) return 0 ;;
        "image/save":--format|"image/save":-o|"image/save":--output) return 0 ;;
        "image/history":--format|"image/history":-H|"image/history":--human) return 0 ;;
        "image/import":-c|"image/import":--change|"image/import":-m|"image/import":--message) return 0 ;;
        "image/prune":--filter) return 0 ;;
        "inspect":-f|"inspect":--format|"inspect":-t|"inspect":--type) return 0 ;;
        "load":-i|"load":--input) return 0 ;;
        "save":--format|"save":-o|"save":--output) return 0 ;;
        "history":--format|"history":-H|"history":--human) return 0 ;;
        "import":-c|"import":--change|"import":-m|"import":--message) return 0 ;;
        "login":-u|"login":--username|"login":-p|"login":--password|"login":--tls-verify|"login":--authfile) return 0 ;;
        "logout":--authfile) return 0 ;;
        "generate/systemd":--new|"generate/systemd":-e|"generate/systemd":--env|"generate/systemd":--restart-policy|"generate/systemd":--restart-sec|"generate/systemd":-t|"generate/systemd":--stop-timeout|"generate/systemd":--start-timeout|"generate/systemd":--container-prefix|"generate/systemd":--pod-prefix|"generate/systemd":--separator|"generate/systemd":--format|"generate/systemd":--after|"generate/systemd":--wants|"generate/systemd":--requires|"generate/systemd":--from) return 0 ;;
        "generate/kube":-f|"generate/kube":--filename|"generate/kube":-t|"generate/kube":--type|"generate/kube":-r|"generate/kube":--replicas) return 0 ;;
        "info":-f|"info":--format) return 0 ;;
        "system/events":-f|"system/events":--filter|"system/events":--format|"system/events":--stream|"system/events":--since|"system/events":--until|"system/events":--no-trunc) return 0 ;;
        "system/info":-f|"system/info":--format) return 0 ;;
        "system/prune":--filter) return 0 ;;
        "system/df":--format) return 0 ;;
        "system/check":-m|"system/check":--max) return 0 ;;
        "version":-f|"version":--format) return 0 ;;
        *) return 1 ;;
    esac
}

_ctl_dynamic() {
    _ctl "$@"
    local cur words cword
    # bash-completion keeps `registry:5000/x:tag` one word; plain bash splits it at ':'.
    if declare -F _get_comp_words_by_ref >/dev/null; then
        _get_comp_words_by_ref -n : cur words cword
    else
        cur=${COMP_WORDS[COMP_CWORD]} words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
    fi
    local path="" _ctl_path npos=0 skip=0 opt="" i w kinds="" k out=""
    local -a globals=()
    for ((i = 1; i < cword; i++)); do
        w=${words[i]}
        if ((skip)); then
            [[ $w == "=" ]] && continue
            skip=0
            case $opt in --root | --runroot | --config) globals+=("$opt" "$w") ;; esac
            continue
        fi
        case $w in
            -*=*) continue ;;
            -*)
                _ctl_takes_value "$path" "$w" && skip=1 opt=$w
                continue
                ;;
        esac
        if _ctl_subcommand "$path" "$w"; then
            path=$_ctl_path npos=0
        else
            ((npos++))
        fi
    done
    if ((skip)); then
        case "$path:$opt" in
            "kill:-s"|"kill:--signal"|"container/kill:-s"|"container/kill:--signal"|"run:--stop-signal"|"create:--stop-signal"|"container/run:--stop-signal"|"container/create:--stop-signal") kinds=signals ;;
        esac
    elif [[ $cur != -* ]]; then
        case "$path" in
        "stop") kinds+=" running" ;;
        "kill") kinds+=" running" ;;
        "exec") ((npos == 0)) && kinds+=" running" ;;
        "attach") ((npos == 0)) && kinds+=" running" ;;
        "start") kinds+=" containers" ;;
        "restart") kinds+=" containers" ;;
        "rm") kinds+=" containers" ;;
        "wait") kinds+=" containers" ;;
        "logs") kinds+=" containers" ;;
        "inspect") kinds+=" containers"; kinds+=" images" ;;
        "container/stop") kinds+=" running" ;;
        "container/kill") kinds+=" running" ;;
        "container/exec") ((npos == 0)) && kinds+=" running" ;;
        "container/attach") ((npos == 0)) && kinds+=" running" ;;
        "container/start") kinds+=" containers" ;;
        "container/restart") kinds+=" containers" ;;
        "container/rm") kinds+=" containers" ;;
        "container/wait") kinds+=" containers" ;;
        "container/logs") kinds+=" containers" ;;
        "container/inspect") kinds+=" containers" ;;
        "run") ((npos == 0)) && kinds+=" images" ;;
        "create") ((npos == 0)) && kinds+=" images" ;;
        "container/run") ((npos == 0)) && kinds+=" images" ;;
        "container/create") ((npos == 0)) && kinds+=" images" ;;
        "rmi") kinds+=" images" ;;
        "tag") ((npos == 0)) && kinds+=" images" ;;
        "image/rm") kinds+=" images" ;;
        "image/inspect") kinds+=" images" ;;
        "image/tag") ((npos == 0)) && kinds+=" images" ;;
        "generate/systemd") kinds+=" containers" ;;
        "port") ((npos == 0)) && kinds+=" running" ;;
        "container/port") ((npos == 0)) && kinds+=" running" ;;
        "network/rm") kinds+=" networks" ;;
        "network/inspect") kinds+=" networks" ;;
        esac
    fi
    [[ -n $kinds ]] || return 0
    for k in $kinds; do
        out+=$("${words[0]}" "${globals[@]}" __complete "$k" "$cur" 2>/dev/null)$'\n'
    done
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$out" -- "$cur"))
    # No file names in place of absent containers.
    compopt +o default +o bashdefault 2>/dev/null
    declare -F __ltrim_colon_completions >/dev/null && __ltrim_colon_completions "$cur"
    return 0
}
