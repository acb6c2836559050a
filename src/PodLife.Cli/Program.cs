using PodLife.Cli;

// Before any API client decodes: the scheduler, controllers and simulated nodes of one process then share repeated strings.
PodLife.Scheduler.Api.SharedStrings.Install();
return await CommandLine.RunAsync(args, Console.Out, Console.Error);
