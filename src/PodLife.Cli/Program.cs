using PodLife.Cli;

// First, before the runtime has done any work worth keeping: a long-running command may start over with its GC settings.
GcEnvironment.ApplyByReexec(args, Console.Error);

// Before any API client decodes: the scheduler, controllers and simulated nodes of one process then share repeated strings.
PodLife.Scheduler.Api.SharedStrings.Install();
return await CommandLine.RunAsync(args, Console.Out, Console.Error);
