# bash completion for guidegraph(1): commands, each command's options, and their values.
# Installed as share/bash-completion/completions/guidegraph. Every option that
# `guidegraph COMMAND --help` lists is here (tests/cli/help_docs_test.py checks it).

_guidegraph() {
  local cur prev words cword
  if declare -F _init_completion > /dev/null; then
    _init_completion || return
  else
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD - 1]}
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
  fi

  local commands="export publish map validate pages catalog load"
  local site="--base -D --drafts -F --build-future -E --build-expired -e --environment --conventions --threads --max-file-size --max-files --max-yaml-depth --max-yaml-nodes -q --quiet -h --help"
  local -A options=(
    [export]="-o --output -f --format --bulk --chunk-size --jsonld-form --no-validate --force --timings $site"
    [publish]="--into --server-config $site"
    [map]="--by -o --output --render --layout $site"
    [validate]="--shapes --data -f --format -o --output --strict $site"
    [pages]="--base -D --drafts -F --build-future -E --build-expired -e --environment --conventions -q --quiet -h --help"
    [catalog]="-f --format -o --output --org-code --date --response-date --oai-base --admin-email --static-url --gateway --csv-raw $site"
    [load]="--endpoint --update-endpoint --query-endpoint --graph --graph-per-page --replace --merge --changed-only --state --user --auth --netrc-file --upload --send-format --batch-size --jobs --timeout --retries --allow-errors --dry-run -v --verbose --timings --base -D --drafts -F --build-future -E --build-expired -e --environment --conventions --threads --max-file-size --max-files -q --quiet -h --help"
  )

  if [ "$cword" -eq 1 ]; then
    COMPREPLY=($(compgen -W "$commands -h --help --version" -- "$cur"))
    return
  fi
  local command=${words[1]}

  case "$prev" in
    -f | --format)
      case "$command" in
        export) COMPREPLY=($(compgen -W "ttl nt nq trig jsonld" -- "$cur")) ;;
        validate) COMPREPLY=($(compgen -W "text turtle sarif json" -- "$cur")) ;;
        catalog) COMPREPLY=($(compgen -W "marcxml mrc oai_dc oai-pmh oai-static csv" -- "$cur")) ;;
      esac
      return ;;
    --jsonld-form) COMPREPLY=($(compgen -W "compact expanded flattened" -- "$cur")); return ;;
    --by) COMPREPLY=($(compgen -W "category country guide" -- "$cur")); return ;;
    --render) COMPREPLY=($(compgen -W "svg png" -- "$cur")); return ;;
    --layout) COMPREPLY=($(compgen -W "dot fdp" -- "$cur")); return ;;
    --server-config) COMPREPLY=($(compgen -W "nginx apache" -- "$cur")); return ;;
    --auth) COMPREPLY=($(compgen -W "basic digest any" -- "$cur")); return ;;
    --send-format) COMPREPLY=($(compgen -W "nt ttl" -- "$cur")); return ;;
    --upload) COMPREPLY=($(compgen -W "update graph-store" -- "$cur")); return ;;
    -o | --output | --shapes | --data | --state | --netrc-file | --conventions)
      COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --into | --bulk) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    -e | --environment) COMPREPLY=($(compgen -W "production development staging" -- "$cur")); return ;;
    --base | --threads | --max-file-size | --max-files | --max-yaml-depth | --max-yaml-nodes | \
      --endpoint | --update-endpoint | --query-endpoint | --graph | --user | --batch-size | \
      --jobs | --chunk-size | \
      --timeout | --retries | --org-code | --date | --response-date | --oai-base | \
      --admin-email | --static-url | --gateway)
      return ;;  # a value of the user's own
  esac

  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "${options[$command]:-}" -- "$cur"))
  elif [ "$command" = load ]; then
    COMPREPLY=($(compgen -f -- "$cur"))  # a site folder or an RDF file
  else
    COMPREPLY=($(compgen -d -- "$cur"))  # the site folder
  fi
}
complete -F _guidegraph guidegraph
