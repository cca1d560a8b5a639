from watcher.cli.app import main

main()
