-- Two changes to one document at once (its goals edited while a contributor's first edit is
-- recorded) both refreshed its map rows from what they saw before either had committed: the
-- second subtracted the document's old counts a second time. Like the research links' refresh
-- (20261209700000), a refresh now first takes its documents' rows in one order, so the second
-- waits for the first and its statements then see the first's rows.
create or replace function erfa_private.map_refresh_documents(ids uuid[])
returns void language plpgsql security definer set search_path = '' as $$
begin
  if coalesce(cardinality(ids), 0) = 0 then return; end if;
  perform 1 from public.documents d where d.id = any(ids) order by d.id for no key update;
  -- Keys in one order, so concurrent changes lock count rows in one order.
  update erfa_private.map_document_counts c set n = c.n - x.k
  from erfa_private.map_document_keys(ids) x
  where c.organization_id = x.organization_id and c.group_id = x.group_id and c.goal = x.goal
    and c.is_public = x.is_public and c.how = x.how;
  delete from erfa_private.map_document_rows r where r.document_id = any(ids);
  insert into erfa_private.map_document_rows select * from erfa_private.map_document_rows_now(ids);
  insert into erfa_private.map_document_counts as c
    (organization_id, group_id, goal, is_public, how, n)
  select x.organization_id, x.group_id, x.goal, x.is_public, x.how, x.k
  from erfa_private.map_document_keys(ids) x
  on conflict (organization_id, group_id, goal, is_public, how) do update set n = c.n + excluded.n;
end
$$;
