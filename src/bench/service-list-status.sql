-- B2 for S2: exactly the two statements the service sends for one list request with {project} a
-- slug, direction=desc, status=failed, page 1 (JobRepository's page query, JobCountRepository's total,
-- as Hibernate renders them; the view rule's parameters are those of an anonymous caller). The
-- service runs them at the same time on two sessions and pools; here they run one after the other
-- on one connection. {project} in slug form leaves the UUID parameter null: a UUID no project has
-- stands in for it (pgbench cannot pass a null).
-- pgbench variables given by src/bench/run: :slug, :status, :offset, :limit.
-- src/bench/run checks at every run that these are the statements the service sends (log_statement).
select j1_0.uuid,j1_0.claimed,j1_0.completed,j1_0.created,j1_0.modified,j1_0.project_uuid,j1_0.runner_uuid,j1_0.spec_uuid,s1_0.uuid,s1_0.architecture,s1_0.archived,s1_0.cpu,s1_0.created,s1_0.disk,s1_0.fallback,s1_0.memory,s1_0.modified,s1_0.name,s1_0.network,s1_0.os,s1_0.sandbox,s1_0.slug,j1_0.started,j1_0.status from job j1_0 join spec s1_0 on s1_0.uuid=j1_0.spec_uuid where j1_0.project_uuid=(select p2_0.uuid from project p2_0 where (p2_0.uuid='00000000-0000-0000-0000-000000000000'::uuid or p2_0.slug=:slug) and p2_0.deleted is null and (p2_0.visibility='public' or false=true or '{}'::uuid[]@>array[p2_0.organization_uuid] or '{}'::uuid[]@>array[p2_0.uuid])) and j1_0.status=:status order by j1_0.created desc,j1_0.uuid desc offset :offset rows fetch first :limit rows only;
select coalesce(sum(jc1_0.n),0) from project p1_0 left join job_count jc1_0 on jc1_0.project_uuid=p1_0.uuid and jc1_0.status=:status where (p1_0.uuid='00000000-0000-0000-0000-000000000000'::uuid or p1_0.slug=:slug) and p1_0.deleted is null and (p1_0.visibility='public' or false=true or '{}'::uuid[]@>array[p1_0.organization_uuid] or '{}'::uuid[]@>array[p1_0.uuid]) group by p1_0.uuid;
